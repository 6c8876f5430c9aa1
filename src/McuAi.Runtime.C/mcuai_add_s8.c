/* McuAi.Build C runtime: ADD/SUB int8. Both inputs are offset, shifted left, brought to a common scale, added
   (or subtracted), and rescaled to the output, each step with TFLite's double-rounding multiply.
   The output may be one of the inputs (in place): element i is read before it is written. */
#include "mcuai_add_s8.h"

static int8_t add_one(const mcuai_add_s8_params* p, int8_t a, int8_t b)
{
  int32_t x = p->a_table ? p->a_table[(uint8_t)a]
                         : mcuai_mbqm((int32_t)((uint32_t)(a + p->a_offset) << p->left_shift), p->a_multiplier, p->a_shift);
  int32_t y = p->b_table ? p->b_table[(uint8_t)b]
                         : mcuai_mbqm((int32_t)((uint32_t)(b + p->b_offset) << p->left_shift), p->b_multiplier, p->b_shift);
  int32_t raw = p->subtract ? x - y : x + y;
  return (int8_t)mcuai_clamp_i32(mcuai_mbqm(raw, p->output_multiplier, p->output_shift) + p->output_offset, p->act_min, p->act_max);
}

void mcuai_add_s8(const mcuai_add_s8_params* p, const int8_t* a, const int8_t* b, int8_t* output)
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
