/* McuAi.Build C runtime: integer requantization. Each value minus the input zero point (wrapping, as in TFLite) is
   rescaled with the double-rounding multiply, offset by the output zero point and clamped to the output type. */
#include "mcuai_requantize.h"

static int32_t load(const void* data, int32_t bytes, int32_t i)
{
  if (bytes == 1) return ((const int8_t*)data)[i];
  if (bytes == 2) return ((const int16_t*)data)[i];
  return ((const int32_t*)data)[i];
}

static void store(void* data, int32_t bytes, int32_t i, int32_t value)
{
  if (bytes == 1) ((int8_t*)data)[i] = (int8_t)value;
  else if (bytes == 2) ((int16_t*)data)[i] = (int16_t)value;
  else ((int32_t*)data)[i] = value;
}

void mcuai_requantize(const mcuai_requantize_params* p, const void* input, void* output)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    const int32_t x = (int32_t)((uint32_t)load(input, p->input_bytes, i) - (uint32_t)p->input_zero_point);
    const int32_t y = mcuai_mbqm(x, p->multiplier, p->shift) + p->output_zero_point;
    store(output, p->output_bytes, i, mcuai_clamp_i32(y, p->min, p->max));
  }
}
