/* McuAi.Build C runtime: the exact output stage of the int8 weighted kernels, one copy for all of them. See mcuai_rescale_s8.h. */
#include "mcuai_rescale_s8.h"

int8_t mcuai_rescale_exact_clamped(const mcuai_rescale_s8* r, int32_t acc, int32_t multiplier, int32_t shift)
{
  return (int8_t)mcuai_clamp_i32(mcuai_rescale_exact(acc, multiplier, shift, r->output_zp), r->act_min, r->act_max);
}
