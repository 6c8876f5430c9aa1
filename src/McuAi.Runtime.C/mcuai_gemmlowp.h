/* McuAi.Build C runtime: gemmlowp's fixed-point helpers that TFLite's integer SOFTMAX (and friends) use, bit for bit.
   A raw int32 value with m integer bits stands for raw / 2^(31 - m). Sums wrap in 32 bits, as in gemmlowp. */
#ifndef MCUAI_GEMMLOWP_H_
#define MCUAI_GEMMLOWP_H_

#include "mcuai_rt.h"

MCUAI_INLINE int32_t mcuai_wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
MCUAI_INLINE int32_t mcuai_wrap_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }

/* x * 2^exponent: a saturating left shift for exponent > 0, a rounding right shift for exponent < 0. */
MCUAI_INLINE int32_t mcuai_srmul_pot(int32_t x, int exponent)
{
  if (exponent == 0) return x;
  if (exponent < 0) return mcuai_rdbpot(x, -exponent);
  {
    int32_t threshold = (int32_t)(((uint32_t)1 << (31 - exponent)) - 1u);
    if (x > threshold) return INT32_MAX;
    if (x < -threshold) return INT32_MIN;
    return (int32_t)((uint32_t)x << exponent);
  }
}

/* (a + b) / 2 rounded half away from zero. */
MCUAI_INLINE int32_t mcuai_rounding_half_sum(int32_t a, int32_t b)
{
  int64_t sum = (int64_t)a + (int64_t)b;
  int64_t sign = sum >= 0 ? 1 : -1;
  return (int32_t)((sum + sign) / 2);
}

/* 1 / (1 + a) for a in [0, 1) with 0 integer bits (Newton-Raphson, three steps), 0 integer bits out. */
MCUAI_INLINE int32_t mcuai_one_over_one_plus_x(int32_t a)
{
  const int32_t half_denominator = mcuai_rounding_half_sum(a, INT32_MAX);
  const int32_t one = 1 << 29; /* 1.0 with 2 integer bits */
  int32_t x = mcuai_wrap_add(1515870810 /* 48/17 */, mcuai_srdhm(half_denominator, -1010580540 /* -32/17 */));
  int i;
  for (i = 0; i < 3; ++i) {
    int32_t one_minus_hd_x = mcuai_wrap_sub(one, mcuai_srdhm(half_denominator, x));
    x = mcuai_wrap_add(x, mcuai_srmul_pot(mcuai_srdhm(x, one_minus_hd_x), 2));
  }
  return mcuai_srmul_pot(x, 1);
}

MCUAI_INLINE int mcuai_count_leading_zeros(uint32_t x)
{
  int n = 0;
  if (x == 0) return 32;
  while ((x & 0x80000000u) == 0) {
    x <<= 1;
    ++n;
  }
  return n;
}

/* TFLite's GetReciprocal: 1 / x for a positive x with integer_bits integer bits, as a 0-integer-bit value,
   and the number of bits x had above 1.0. */
MCUAI_INLINE int32_t mcuai_reciprocal(int32_t x, int integer_bits, int* bits_over_unit)
{
  int headroom_plus_one = mcuai_count_leading_zeros((uint32_t)x);
  int32_t shifted_minus_one = (int32_t)(((uint32_t)x << headroom_plus_one) - 0x80000000u);
  *bits_over_unit = integer_bits - headroom_plus_one;
  return mcuai_one_over_one_plus_x(shifted_minus_one);
}

#endif
