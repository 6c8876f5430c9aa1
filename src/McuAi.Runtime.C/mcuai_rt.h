/* McuAi.Build C runtime: types, portability macros and TFLite's integer rescaling, reproduced bit for bit.
   Every kernel includes this header. C99; no heap, no libm in the integer paths.
   Assumes two's complement integers whose right shift of a negative value is arithmetic and whose
   conversion of an out-of-range value to a signed type wraps (GCC, Clang, Arm Compiler, IAR). */
#ifndef MCUAI_RT_H_
#define MCUAI_RT_H_

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) || defined(__clang__) || defined(__ICCARM__) || defined(__ARMCC_VERSION)
#define MCUAI_ALIGN(n) __attribute__((aligned(n)))
#define MCUAI_SECTION(s) __attribute__((section(s)))
#else
#define MCUAI_ALIGN(n)
#define MCUAI_SECTION(s)
#endif

#define MCUAI_RESTRICT restrict
#define MCUAI_INLINE static inline

/* Most dimensions a shape-generic kernel (broadcast, gather, mean) walks; TFLM's limit too. */
#define MCUAI_MAX_DIMS 6

MCUAI_INLINE int32_t mcuai_min_i32(int32_t a, int32_t b) { return a < b ? a : b; }
MCUAI_INLINE int32_t mcuai_max_i32(int32_t a, int32_t b) { return a > b ? a : b; }
MCUAI_INLINE int32_t mcuai_clamp_i32(int32_t x, int32_t lo, int32_t hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* Clamp of float kernels, NaN-propagating in TFLite's order (max first, then min). */
MCUAI_INLINE float mcuai_clamp_f32(float x, float lo, float hi)
{
  float y = x < lo ? lo : x;
  return y > hi ? hi : y;
}

/* gemmlowp's SaturatingRoundingDoublingHighMul: the high 32 bits of 2*a*b, rounded half away from zero. */
MCUAI_INLINE int32_t mcuai_srdhm(int32_t a, int32_t b)
{
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  {
    int64_t ab = (int64_t)a * (int64_t)b;
    int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
  }
}

/* gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded half away from zero; exponent in [0, 31]. */
MCUAI_INLINE int32_t mcuai_rdbpot(int32_t x, int exponent)
{
  int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite's MultiplyByQuantizedMultiplier (32-bit, double rounding, as TFLM builds by default):
   x * multiplier * 2^(shift - 31); a positive shift is applied before the multiply (wrapping). */
MCUAI_INLINE int32_t mcuai_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
  int left = shift > 0 ? (int)shift : 0;
  int right = shift > 0 ? 0 : (int)-shift;
  return mcuai_rdbpot(mcuai_srdhm((int32_t)((uint32_t)x << left), multiplier), right);
}

#endif
