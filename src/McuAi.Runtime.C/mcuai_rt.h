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
/* Helpers that several loops call, off their hot paths: one copy of the code instead of one per call site (flash);
   "unused" so that a header may define one that a file does not call. */
#define MCUAI_NOINLINE __attribute__((noinline, unused))
#else
#define MCUAI_ALIGN(n)
#define MCUAI_SECTION(s)
#define MCUAI_NOINLINE
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

/* gemmlowp's SaturatingRoundingDoublingHighMul: the high 32 bits of 2*a*b, rounded half up. gemmlowp writes it as
   (ab + nudge) / 2^31 truncated, with nudge = 2^30 for ab >= 0 and 1 - 2^30 below; for ab < 0 that truncation is
   ceil((ab + 1 - 2^30) / 2^31) = floor((ab + 2^30) / 2^31), the same as for ab >= 0: one add and one arithmetic shift
   (five instructions on a Cortex-M4 instead of a signed 64-bit division's fix-ups). */
MCUAI_INLINE int32_t mcuai_srdhm(int32_t a, int32_t b)
{
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  return (int32_t)(((int64_t)a * (int64_t)b + ((int64_t)1 << 30)) >> 31);
}

/* gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded half away from zero; exponent in [0, 31]. */
MCUAI_INLINE int32_t mcuai_rdbpot(int32_t x, int exponent)
{
  int32_t mask = (int32_t)((1u << exponent) - 1u);
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

/* TFLite's MultiplyByQuantizedMultiplier for int64 values (the 16x8 kernels): the multiplier is first rounded to
   16 bits, then x * reduced is rounded once by 2^(15 - shift). |x| < 2^47, shift in [-31, 7]; the result is the
   low 32 bits, as in TFLite. */
MCUAI_INLINE int32_t mcuai_mbqm64(int64_t x, int32_t multiplier, int32_t shift)
{
  const int32_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
  const int total_shift = 15 - (int)shift;
  const int64_t result = x * reduced + ((int64_t)1 << (total_shift - 1));
  return (int32_t)(result >> total_shift);
}

#endif
