/* McuAi.Build C runtime: QUANTIZE float32 -> int8. Rounding is done without libm; a value beyond int32 (or NaN)
   gives INT32_MIN before the clamp, as the x86 build of TFLM (the golden reference) does, on every target. */
#include "mcuai_quantize_f32_s8.h"

/* roundf(): half away from zero. Exact: below 2^23 the fraction x - trunc(x) is representable. */
static float round_half_away(float x)
{
  float magnitude = x < 0.0f ? -x : x, t;
  if (!(magnitude < 8388608.0f)) return x; /* already integral, or NaN/infinity */
  t = (float)(int32_t)x;
  if (x - t >= 0.5f) t += 1.0f;
  else if (x - t <= -0.5f) t -= 1.0f;
  return t;
}

void mcuai_quantize_f32_s8(const mcuai_quantize_f32_s8_params* p, const float* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    float r = round_half_away(input[i] / p->scale);
    int32_t q = (r >= -2147483648.0f && r < 2147483648.0f) ? (int32_t)r : INT32_MIN;
    output[i] = (int8_t)mcuai_clamp_i32((int32_t)((uint32_t)q + (uint32_t)p->zero_point), p->min, p->max);
  }
}
