/* McuAi.Build C runtime: FULLY_CONNECTED float32: the dot product in depth order, plus bias, clamped. */
#include "mcuai_fully_connected_f32.h"

void mcuai_fully_connected_f32(const mcuai_fully_connected_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output)
{
  int32_t b, o, d;
  for (b = 0; b < p->batches; ++b) {
    const float* x = input + (size_t)b * p->depth;
    for (o = 0; o < p->outputs; ++o) {
      const float* w = p->weights + (size_t)o * p->depth;
      float total = 0.0f;
      for (d = 0; d < p->depth; ++d) total += x[d] * w[d];
      if (p->bias) total += p->bias[o];
      *output++ = mcuai_clamp_f32(total, p->act_min, p->act_max);
    }
  }
}
