/* McuAi.Build C runtime: integer requantization. Each value minus the input zero point (wrapping, as in TFLite) is
   rescaled with the double-rounding multiply, offset by the output zero point and clamped to the output type. */
#include "mcuai_requantize.h"

/* One loop per input type, so the element loop has no type dispatch. */
#define MCUAI_REQUANTIZE_LOOP(in_type)                                                                               \
  do {                                                                                                               \
    const in_type* x = (const in_type*)input;                                                                        \
    for (i = 0; i < p->count; ++i) {                                                                                 \
      const int32_t v = (int32_t)((uint32_t)(int32_t)x[i] - (uint32_t)p->input_zero_point);                          \
      const int32_t y = mcuai_clamp_i32(mcuai_mbqm(v, p->multiplier, p->shift) + p->output_zero_point, p->min, p->max); \
      if (p->output_bytes == 1) ((int8_t*)output)[i] = (int8_t)y;                                                    \
      else if (p->output_bytes == 2) ((int16_t*)output)[i] = (int16_t)y;                                             \
      else ((int32_t*)output)[i] = y;                                                                                \
    }                                                                                                                \
  } while (0)

void mcuai_requantize(const mcuai_requantize_params* p, const void* input, void* output)
{
  int32_t i;
  if (p->input_bytes == 1) MCUAI_REQUANTIZE_LOOP(int8_t);
  else if (p->input_bytes == 2) MCUAI_REQUANTIZE_LOOP(int16_t);
  else MCUAI_REQUANTIZE_LOOP(int32_t);
}
