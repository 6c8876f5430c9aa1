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

/* An input term of the fast form: the rounding right shift by r (gemmlowp's, ties away from zero) when r > 0. */
MCUAI_INLINE int32_t fast_term(int32_t v, int32_t offset, int32_t left, int32_t m2, int32_t r, int shifted)
{
  int32_t h = mcuai_high_mul((int32_t)((uint32_t)(v + offset) << left), m2);
  if (!shifted) return h;
  return (h - (int32_t)((uint32_t)h >> 31) + (1 << (r - 1))) >> r;
}

/* The element-wise fast loop for one combination of shifted inputs (constants, so each loop is straight code);
   the params in locals, so that the loop keeps them in registers. The activation clamp only when the range is
   narrower than int8 (SSAT already gives int8's). */
#define MCUAI_ADD_FAST_LOOP(A_SHIFTED, B_SHIFTED)                                                                  \
  for (i = 0; i < n; ++i) {                                                                                        \
    int32_t x = fast_term(a[i], a_offset, left, a_m2, a_r, A_SHIFTED);                                             \
    int32_t y = fast_term(b[i], b_offset, left, b_m2, b_r, B_SHIFTED);                                             \
    int32_t v = mcuai_rescale_fast(subtract ? x - y : x + y, out_m2, out_s, out_nudge);                           \
    output[i] = (int8_t)(clamp ? mcuai_clamp_i32(v, lo, hi) : v);                                                  \
  }

static void add_fast(const mcuai_add_s8_params* p, const int8_t* a, const int8_t* b, int8_t* output)
{
  const int32_t n = p->shape.count, left = p->left_shift, subtract = p->subtract;
  const int32_t a_offset = p->a_offset, a_m2 = p->a_m2, a_r = p->a_rshift;
  const int32_t b_offset = p->b_offset, b_m2 = p->b_m2, b_r = p->b_rshift;
  const int32_t out_m2 = p->out_m2, out_s = p->out_s, out_nudge = p->out_nudge, lo = p->act_min, hi = p->act_max;
  const int clamp = lo > -128 || hi < 127;
  int32_t i;
  if (p->a_table && p->b_table) {
    /* The tables hold the same input terms (Int8AddPacking: they equal TFLite's), two loads per element. */
    const int32_t* const ta = p->a_table;
    const int32_t* const tb = p->b_table;
    for (i = 0; i < n; ++i) {
      int32_t x = ta[(uint8_t)a[i]], y = tb[(uint8_t)b[i]];
      int32_t v = mcuai_rescale_fast(subtract ? x - y : x + y, out_m2, out_s, out_nudge);
      output[i] = (int8_t)(clamp ? mcuai_clamp_i32(v, lo, hi) : v);
    }
    return;
  }
  switch ((a_r > 0) * 2 + (b_r > 0)) {
    case 0: MCUAI_ADD_FAST_LOOP(0, 0) break;
    case 1: MCUAI_ADD_FAST_LOOP(0, 1) break;
    case 2: MCUAI_ADD_FAST_LOOP(1, 0) break;
    default: MCUAI_ADD_FAST_LOOP(1, 1) break;
  }
}

void mcuai_add_s8(const mcuai_add_s8_params* p, const int8_t* a, const int8_t* b, int8_t* output)
{
  int32_t i;
  if (p->fast && p->shape.elementwise) {
    add_fast(p, a, b, output);
    return;
  }
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
