/* McuAi.Build C runtime: MEAN int8: raw values summed in int32 per output, the input zero point removed as
   zero_point * count, then one rescale (the division is folded into the multiplier), zero point, clamp. */
#include "mcuai_mean_s8.h"

void mcuai_mean_s8(const mcuai_mean_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  int32_t* sums = (int32_t*)scratch;
  int32_t index[MCUAI_MAX_DIMS] = {0}, total = 1, i, d, o = 0;
  for (d = 0; d < MCUAI_MAX_DIMS; ++d) total *= p->dims[d];
  memset(sums, 0, (size_t)p->outputs * sizeof(int32_t));
  for (i = 0; i < total; ++i) {
    sums[o] = (int32_t)((uint32_t)sums[o] + (uint32_t)(int32_t)input[i]);
    for (d = MCUAI_MAX_DIMS - 1; d >= 0; --d) {
      o += p->out_strides[d];
      if (++index[d] < p->dims[d]) break;
      o -= p->out_strides[d] * p->dims[d];
      index[d] = 0;
    }
  }
  for (o = 0; o < p->outputs; ++o) {
    int32_t shifted = (int32_t)(uint32_t)((int64_t)sums[o] - (int64_t)p->input_zero_point * p->count);
    output[o] = p->count == 0 ? 0 : (int8_t)mcuai_clamp_i32(mcuai_mbqm(shifted, p->multiplier, p->shift) + p->output_zero_point, p->min, p->max);
  }
}
