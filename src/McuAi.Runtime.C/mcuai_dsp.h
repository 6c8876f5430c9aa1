/* McuAi.Build C runtime: the Cortex-M DSP extension's instructions used by the optimized kernels.

   On a core with __ARM_FEATURE_DSP (Cortex-M4, M7, M33 with DSP...) they are ACLE intrinsics from
   <arm_acle.h>, or one-instruction inline assembly where arm-none-eabi-gcc 12's <arm_acle.h> has no
   intrinsic (SXTB16 with ROR, PKHBT/PKHTB, SMMLAR). With MCUAI_DSP_EMULATE defined (host tests of the
   DSP path) every one is a C function with exactly the instruction's semantics, so the DSP path runs,
   and is checked byte for byte, on the host.
   MCUAI_HAVE_DSP is 1 in both cases and 0 otherwise (the kernels then take their portable path).
   MCUAI_DSP_ASM is 1 only on a real DSP core with the optimizer on: the kernels' innermost loops then
   use hand-scheduled assembly (LDM of four words is one instruction; the compiler would emit four
   loads); elsewhere the same loops are C over these intrinsics, with identical results. */
#ifndef MCUAI_DSP_H_
#define MCUAI_DSP_H_

#include "mcuai_rt.h"

/* A type whose pointers may alias any object (the kernels read int8 tensors and write scratch in words). */
#if defined(__GNUC__) || defined(__clang__)
#define MCUAI_MAY_ALIAS __attribute__((may_alias))
#else
#define MCUAI_MAY_ALIAS
#endif
typedef uint32_t mcuai_u32_alias MCUAI_MAY_ALIAS;

/* Four bytes from any address as one word (one LDR on a Cortex-M, which allows unaligned loads). */
MCUAI_INLINE uint32_t mcuai_load_word(const int8_t* bytes)
{
  uint32_t w;
  memcpy(&w, bytes, 4);
  return w;
}

#if defined(__ARM_FEATURE_DSP) && !defined(MCUAI_DSP_EMULATE)
#include <arm_acle.h>
#define MCUAI_HAVE_DSP 1
#if defined(__GNUC__) && defined(__OPTIMIZE__) && defined(__thumb2__)
#define MCUAI_DSP_ASM 1
#else
#define MCUAI_DSP_ASM 0
#endif

/* acc + a.lo * b.lo + a.hi * b.hi (signed halfwords), wrapping. */
#define mcuai_smlad(a, b, acc) ((int32_t)__smlad((int32_t)(a), (int32_t)(b), (int32_t)(acc)))
/* acc + one signed halfword product: bottom (b) or top (t) halfword of a, then of b. */
#define mcuai_smlabb(a, b, acc) ((int32_t)__smlabb((int32_t)(a), (int32_t)(b), (int32_t)(acc)))
#define mcuai_smlatt(a, b, acc) ((int32_t)__smlatt((int32_t)(a), (int32_t)(b), (int32_t)(acc)))
/* Bytes 0 and 2 of x, sign-extended into the two halfwords. */
#define mcuai_sxtb16(x) ((uint32_t)__sxtb16((int32_t)(x)))
/* Halfwords of a plus bytes 0 and 2 of b, sign-extended. */
#define mcuai_sxtab16(a, b) ((uint32_t)__sxtab16((int32_t)(a), (int32_t)(b)))
/* Signed saturation to n bits (n a constant). */
#define mcuai_ssat(x, n) ((int32_t)__ssat((int32_t)(x), (n)))

/* Bytes 1 and 3 of x, sign-extended into the two halfwords (SXTB16 with ROR #8). */
MCUAI_INLINE uint32_t mcuai_sxtb16_ror8(uint32_t x)
{
  uint32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
}
/* Halfwords of a plus bytes 1 and 3 of b, sign-extended (SXTAB16 with ROR #8). */
MCUAI_INLINE uint32_t mcuai_sxtab16_ror8(uint32_t a, uint32_t b)
{
  uint32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
/* x rotated right by n bits (1..31); compilers turn this into ROR. */
MCUAI_INLINE uint32_t mcuai_ror(uint32_t x, uint32_t n) { return (x >> n) | (x << (32u - n)); }
/* Bottom halfword of a, bottom halfword of b in the top (PKHBT a, b, LSL #16). */
MCUAI_INLINE uint32_t mcuai_pkhbt16(uint32_t a, uint32_t b)
{
  uint32_t r;
  __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
/* Top halfword of a, top halfword of b in the bottom (PKHTB a, b, ASR #16). */
MCUAI_INLINE uint32_t mcuai_pkhtb16(uint32_t a, uint32_t b)
{
  uint32_t r;
  __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
}
/* (acc * 2^32 + a * b + 2^31) >> 32: the rounded high word of a 64-bit multiply-accumulate. */
MCUAI_INLINE int32_t mcuai_smmlar(int32_t a, int32_t b, int32_t acc)
{
  int32_t r;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
  return r;
}

#elif defined(MCUAI_DSP_EMULATE)
#define MCUAI_HAVE_DSP 1
#define MCUAI_DSP_ASM 0

MCUAI_INLINE int32_t mcuai_lo16(uint32_t x) { return (int32_t)(int16_t)(uint16_t)(x & 0xFFFFu); }
MCUAI_INLINE int32_t mcuai_hi16(uint32_t x) { return (int32_t)(int16_t)(uint16_t)(x >> 16); }
MCUAI_INLINE uint32_t mcuai_pack16(int32_t lo, int32_t hi) { return ((uint32_t)lo & 0xFFFFu) | ((uint32_t)hi << 16); }

MCUAI_INLINE int32_t mcuai_smlad(uint32_t a, uint32_t b, int32_t acc)
{
  return (int32_t)((uint32_t)acc + (uint32_t)(mcuai_lo16(a) * mcuai_lo16(b)) + (uint32_t)(mcuai_hi16(a) * mcuai_hi16(b)));
}
MCUAI_INLINE int32_t mcuai_smlabb(uint32_t a, uint32_t b, int32_t acc) { return (int32_t)((uint32_t)acc + (uint32_t)(mcuai_lo16(a) * mcuai_lo16(b))); }
MCUAI_INLINE int32_t mcuai_smlatt(uint32_t a, uint32_t b, int32_t acc) { return (int32_t)((uint32_t)acc + (uint32_t)(mcuai_hi16(a) * mcuai_hi16(b))); }
MCUAI_INLINE uint32_t mcuai_sxtb16(uint32_t x) { return mcuai_pack16((int8_t)(uint8_t)(x & 0xFFu), (int8_t)(uint8_t)((x >> 16) & 0xFFu)); }
MCUAI_INLINE uint32_t mcuai_sxtb16_ror8(uint32_t x) { return mcuai_sxtb16(x >> 8); }
MCUAI_INLINE uint32_t mcuai_sxtab16(uint32_t a, uint32_t b)
{
  return mcuai_pack16(mcuai_lo16(a) + (int8_t)(uint8_t)(b & 0xFFu), mcuai_hi16(a) + (int8_t)(uint8_t)((b >> 16) & 0xFFu));
}
MCUAI_INLINE uint32_t mcuai_sxtab16_ror8(uint32_t a, uint32_t b) { return mcuai_sxtab16(a, b >> 8); }
MCUAI_INLINE int32_t mcuai_ssat_emulated(int32_t x, int n)
{
  int32_t hi = (int32_t)((1u << (n - 1)) - 1u), lo = -hi - 1;
  return x < lo ? lo : (x > hi ? hi : x);
}
#define mcuai_ssat(x, n) mcuai_ssat_emulated((int32_t)(x), (n))
MCUAI_INLINE uint32_t mcuai_ror(uint32_t x, uint32_t n) { return (x >> n) | (x << (32u - n)); }
MCUAI_INLINE uint32_t mcuai_pkhbt16(uint32_t a, uint32_t b) { return (a & 0xFFFFu) | (b << 16); }
MCUAI_INLINE uint32_t mcuai_pkhtb16(uint32_t a, uint32_t b) { return (a & 0xFFFF0000u) | (b >> 16); }
MCUAI_INLINE int32_t mcuai_smmlar(int32_t a, int32_t b, int32_t acc)
{
  /* Computed on uint64 so that the wrap of the 64-bit sum is defined; the high word is exact. */
  uint64_t sum = ((uint64_t)(uint32_t)acc << 32) + (uint64_t)((int64_t)a * (int64_t)b) + 0x80000000u;
  return (int32_t)(uint32_t)(sum >> 32);
}

#else
#define MCUAI_HAVE_DSP 0
#define MCUAI_DSP_ASM 0
#endif

#endif
