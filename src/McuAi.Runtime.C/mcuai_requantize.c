/* McuAi.Build C runtime: integer requantization. Each value minus the input zero point (wrapping, as in TFLite) is
   rescaled with the double-rounding multiply, offset by the output zero point and clamped to the output type. */
#include "mcuai_requantize.h"

/* One loop per input type, so the element loop has no input type dispatch (the output's is one well-predicted branch,
   cheaper in flash than nine loops). The params are read into locals first: the stores through the output pointer
   could alias *p, which would make the compiler reload every field (and redo the shift split) per element. */
#define MCUAI_REQUANTIZE_LOOP(in_type)                                                                     \
  do {                                                                                                     \
    const in_type* x = (const in_type*)input;                                                              \
    for (i = 0; i < count; ++i) {                                                                          \
      const int32_t v = (int32_t)((uint32_t)(int32_t)x[i] - (uint32_t)input_zero_point);                    \
      const int32_t y = mcuai_clamp_i32(mcuai_mbqm(v, multiplier, shift) + output_zero_point, min, max);     \
      if (output_bytes == 1) ((int8_t*)output)[i] = (int8_t)y;                                             \
      else if (output_bytes == 2) ((int16_t*)output)[i] = (int16_t)y;                                      \
      else ((int32_t*)output)[i] = y;                                                                      \
    }                                                                                                      \
  } while (0)

void mcuai_requantize(const mcuai_requantize_params* p, const void* input, void* output)
{
  const int32_t count = p->count, output_bytes = p->output_bytes;
  const int32_t input_zero_point = p->input_zero_point, output_zero_point = p->output_zero_point;
  const int32_t multiplier = p->multiplier, shift = p->shift, min = p->min, max = p->max;
  int32_t i;
  if (p->input_bytes == 1) MCUAI_REQUANTIZE_LOOP(int8_t);
  else if (p->input_bytes == 2) MCUAI_REQUANTIZE_LOOP(int16_t);
  else MCUAI_REQUANTIZE_LOOP(int32_t);
}
