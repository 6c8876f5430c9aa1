/* McuAi.Build C runtime: SOFTMAX float32: exp((x - max) * beta) / sum, per row. */
#include "mcuai_softmax_f32.h"

#include <math.h>

void mcuai_softmax_f32(const mcuai_softmax_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output)
{
  int32_t row, c;
  for (row = 0; row < p->rows; ++row) {
    const float* x = input + (size_t)row * p->depth;
    float* y = output + (size_t)row * p->depth;
    float max = -3.40282347e+38f, sum = 0.0f;
    for (c = 0; c < p->depth; ++c) max = x[c] > max ? x[c] : max;
    for (c = 0; c < p->depth; ++c) {
      y[c] = expf((x[c] - max) * p->beta);
      sum += y[c];
    }
    for (c = 0; c < p->depth; ++c) y[c] /= sum;
  }
}
