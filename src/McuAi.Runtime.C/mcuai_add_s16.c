/* McuAi.Build C runtime: ADD/SUB int16. Both inputs are offset, shifted left by 15 bits, brought to a common scale,
   added (or subtracted) and rescaled to the output, each step with TFLite's double-rounding multiply (the multipliers
   are below one: TFLM's SmallerThanOneExp variant, which equals mcuai_mbqm for shifts <= 0). */
#include "mcuai_add_s16.h"

static int16_t add_one(const mcuai_add_s16_params* p, int16_t a, int16_t b)
{
  const int32_t x = mcuai_mbqm((int32_t)((uint32_t)(a + p->a_offset) << p->left_shift), p->a_multiplier, p->a_shift);
  const int32_t y = mcuai_mbqm((int32_t)((uint32_t)(b + p->b_offset) << p->left_shift), p->b_multiplier, p->b_shift);
  const int32_t raw = p->subtract ? x - y : x + y;
  return (int16_t)mcuai_clamp_i32(mcuai_mbqm(raw, p->output_multiplier, p->output_shift) + p->output_offset, p->act_min, p->act_max);
}

void mcuai_add_s16(const mcuai_add_s16_params* p, const int16_t* a, const int16_t* b, int16_t* output)
{
  int32_t i;
  if (p->shape.elementwise) {
    for (i = 0; i < p->shape.count; ++i) output[i] = add_one(p, a[i], b[i]);
  } else {
    int32_t index[MCUAI_MAX_DIMS] = {0}, ia = 0, ib = 0;
    for (i = 0; i < p->shape.count; ++i) {
      output[i] = add_one(p, a[ia], b[ib]);
      mcuai_broadcast_next(&p->shape, index, &ia, &ib);
    }
  }
}
