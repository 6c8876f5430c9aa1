/* McuAi.Build C runtime: LEAKY_RELU int16. Non-negative inputs (after the zero point) are rescaled by the identity
   multiplier, negative ones by alpha's (its sign applied after), each with TFLite's double-rounding multiply. */
#include "mcuai_leaky_relu_s16.h"

void mcuai_leaky_relu_s16(const mcuai_leaky_relu_s16_params* p, const int16_t* input, int16_t* output)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    const int32_t x = (int32_t)input[i] - p->input_zero_point;
    int32_t y;
    if (x >= 0) {
      y = mcuai_mbqm(x, p->identity_multiplier, p->identity_shift);
    } else {
      y = mcuai_mbqm(x, p->alpha_multiplier, p->alpha_shift);
      if (p->alpha_negative) y = -y;
    }
    output[i] = (int16_t)mcuai_clamp_i32(y + p->output_zero_point, p->act_min, p->act_max);
  }
}
