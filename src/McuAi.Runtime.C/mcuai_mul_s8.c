/* McuAi.Build C runtime: MUL int8: the product of the offset inputs, rescaled, offset, clamped. In place allowed. */
#include "mcuai_mul_s8.h"

static int8_t mul_one(const mcuai_mul_s8_params* p, int32_t a, int32_t b)
{
  int32_t product = (a + p->a_offset) * (b + p->b_offset);
  return (int8_t)mcuai_clamp_i32(mcuai_mbqm(product, p->multiplier, p->shift) + p->output_offset, p->act_min, p->act_max);
}

void mcuai_mul_s8(const mcuai_mul_s8_params* p, const int8_t* a, const int8_t* b, int8_t* output)
{
  int32_t i;
  if (p->shape.elementwise) {
    for (i = 0; i < p->shape.count; ++i) output[i] = mul_one(p, a[i], b[i]);
  } else {
    int32_t index[MCUAI_MAX_DIMS] = {0}, ia = 0, ib = 0;
    for (i = 0; i < p->shape.count; ++i) {
      output[i] = mul_one(p, a[ia], b[ib]);
      mcuai_broadcast_next(&p->shape, index, &ia, &ib);
    }
  }
}
