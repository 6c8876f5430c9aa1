/* McuAi.Build C runtime: CAST. Integers wrap to a narrower type; floats truncate toward zero, saturating to the int64
   range where C leaves the conversion undefined (NaN gives 0), then wrap; bool is value != 0; integers convert to the
   nearest float. The same rules as McuAi.Build's interpreter. */
#include "mcuai_cast.h"

static int64_t load_integer(const void* data, int32_t type, int32_t i)
{
  switch (type) {
    case MCUAI_CAST_S8: return ((const int8_t*)data)[i];
    case MCUAI_CAST_U8: return ((const uint8_t*)data)[i];
    case MCUAI_CAST_BOOL: return ((const uint8_t*)data)[i] != 0;
    case MCUAI_CAST_S16: return ((const int16_t*)data)[i];
    case MCUAI_CAST_U16: return ((const uint16_t*)data)[i];
    case MCUAI_CAST_S32: return ((const int32_t*)data)[i];
    case MCUAI_CAST_U32: return ((const uint32_t*)data)[i];
    default: return ((const int64_t*)data)[i];
  }
}

static int64_t truncate_float(float x)
{
  if (x != x) return 0;
  if (x >= 9223372036854775807.0f) return INT64_MAX;
  if (x <= -9223372036854775808.0f) return INT64_MIN;
  return (int64_t)x;
}

static void store_integer(void* data, int32_t type, int32_t i, int64_t v)
{
  switch (type) {
    case MCUAI_CAST_S8: ((int8_t*)data)[i] = (int8_t)v; break;
    case MCUAI_CAST_U8: ((uint8_t*)data)[i] = (uint8_t)v; break;
    case MCUAI_CAST_BOOL: ((uint8_t*)data)[i] = v != 0; break;
    case MCUAI_CAST_S16: ((int16_t*)data)[i] = (int16_t)v; break;
    case MCUAI_CAST_U16: ((uint16_t*)data)[i] = (uint16_t)v; break;
    case MCUAI_CAST_S32: ((int32_t*)data)[i] = (int32_t)v; break;
    case MCUAI_CAST_U32: ((uint32_t*)data)[i] = (uint32_t)v; break;
    default: ((int64_t*)data)[i] = v; break;
  }
}

void mcuai_cast(const mcuai_cast_params* p, const void* MCUAI_RESTRICT input, void* MCUAI_RESTRICT output)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    if (p->from == MCUAI_CAST_F32) {
      const float x = ((const float*)input)[i];
      if (p->to == MCUAI_CAST_F32) ((float*)output)[i] = x;
      else if (p->to == MCUAI_CAST_BOOL) ((uint8_t*)output)[i] = x != 0.0f;
      else store_integer(output, p->to, i, truncate_float(x));
    } else if (p->to == MCUAI_CAST_F32) {
      const int64_t v = load_integer(input, p->from, i);
      /* The same nearest float either way; the 32-bit conversion is one instruction on an FPU. */
      ((float*)output)[i] = v >= INT32_MIN && v <= INT32_MAX ? (float)(int32_t)v : (float)v;
    } else {
      store_integer(output, p->to, i, load_integer(input, p->from, i));
    }
  }
}
