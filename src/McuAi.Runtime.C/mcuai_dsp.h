/* McuAi.Build C runtime: the Cortex-M DSP extension's SIMD instructions used by the optimized kernels.
   On a core with __ARM_FEATURE_DSP they are ACLE intrinsics from <arm_acle.h>; with MCUAI_DSP_EMULATE
   defined (host tests of the DSP path) they are C functions with exactly the same semantics.
   MCUAI_HAVE_DSP is 1 in both cases, 0 otherwise (the kernels then take their portable path).
   Extend this file with the intrinsics a kernel needs, each with its emulation. */
#ifndef MCUAI_DSP_H_
#define MCUAI_DSP_H_

#include "mcuai_rt.h"

#if defined(__ARM_FEATURE_DSP) && !defined(MCUAI_DSP_EMULATE)
#include <arm_acle.h>
#define MCUAI_HAVE_DSP 1
/* Sum of the two signed 16x16 products of the halfwords of a and b, plus acc. */
#define mcuai_smlad(a, b, acc) ((int32_t)__smlad((a), (b), (acc)))
/* Bytes 0 and 2 of x, sign-extended to the two halfwords. */
#define mcuai_sxtb16(x) ((uint32_t)__sxtb16(x))
/* Halfwords of a plus bytes 0 and 2 of b, sign-extended. */
#define mcuai_sxtab16(a, b) ((uint32_t)__sxtab16((a), (b)))

#elif defined(MCUAI_DSP_EMULATE)
#define MCUAI_HAVE_DSP 1
MCUAI_INLINE int32_t mcuai_smlad(uint32_t a, uint32_t b, int32_t acc)
{
  int32_t lo = (int32_t)(int16_t)(a & 0xFFFFu) * (int32_t)(int16_t)(b & 0xFFFFu);
  int32_t hi = (int32_t)(int16_t)(a >> 16) * (int32_t)(int16_t)(b >> 16);
  return (int32_t)((uint32_t)acc + (uint32_t)lo + (uint32_t)hi);
}
MCUAI_INLINE uint32_t mcuai_sxtb16(uint32_t x)
{
  uint32_t lo = (uint32_t)(uint16_t)(int16_t)(int8_t)(x & 0xFFu);
  uint32_t hi = (uint32_t)(uint16_t)(int16_t)(int8_t)((x >> 16) & 0xFFu);
  return lo | (hi << 16);
}
MCUAI_INLINE uint32_t mcuai_sxtab16(uint32_t a, uint32_t b)
{
  uint32_t lo = (uint32_t)(uint16_t)((a & 0xFFFFu) + (uint32_t)(int32_t)(int8_t)(b & 0xFFu));
  uint32_t hi = (uint32_t)(uint16_t)((a >> 16) + (uint32_t)(int32_t)(int8_t)((b >> 16) & 0xFFu));
  return lo | (hi << 16);
}

#else
#define MCUAI_HAVE_DSP 0
#endif

/* x rotated right by n bits (1..31): one ROR instruction (GCC 12's <arm_acle.h> has no __ror). */
MCUAI_INLINE uint32_t mcuai_ror(uint32_t x, uint32_t n) { return (x >> n) | (x << (32u - n)); }

#endif
