/* McuAi.Build C runtime: SOFTMAX int8. Per row: exp of each difference to the row's maximum (a table made at build
   time by the bit-exact interpreter), their sum in Q12, its reciprocal, and each exp scaled to 8 bits, offset -128. */
#include "mcuai_softmax_s8.h"

#include "mcuai_gemmlowp.h"

void mcuai_softmax_s8(const mcuai_softmax_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output)
{
  int32_t row, c;
  for (row = 0; row < p->rows; ++row) {
    const int8_t* x = input + (size_t)row * p->depth;
    int8_t* y = output + (size_t)row * p->depth;
    int32_t max = -128, sum = 0, scale;
    int bits_over_unit, exponent;
    for (c = 0; c < p->depth; ++c) max = mcuai_max_i32(max, x[c]);
    for (c = 0; c < p->depth; ++c) {
      int32_t diff = x[c] - max;
      if (diff >= p->diff_min) sum = mcuai_wrap_add(sum, mcuai_rdbpot(p->exp_table[-diff], 12));
    }
    scale = mcuai_reciprocal(sum, 12, &bits_over_unit);
    exponent = bits_over_unit + 31 - 8;
    for (c = 0; c < p->depth; ++c) {
      int32_t diff = x[c] - max, value = -128;
      if (diff >= p->diff_min) value = mcuai_clamp_i32(mcuai_rdbpot(mcuai_srdhm(scale, p->exp_table[-diff]), exponent) - 128, -128, 127);
      y[c] = (int8_t)value;
    }
  }
}
