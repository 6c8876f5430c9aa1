/* McuAi.Build C runtime: dot products of int8 weight rows with an int8 activation vector that is used by many rows
   (SVDF's feature projection, the LSTM's gates). On the DSP path the vector is widened once to int16, each group of
   four as (x0, x2, x1, x3): the halfword pairs that meet SXTB16's (w0, w2) and (w1, w3) of a word of weights, so a
   word of weights costs two SMLADs; the portable path reads the int8 vector itself. */
#ifndef MCUAI_DOT_S8_H_
#define MCUAI_DOT_S8_H_

#include "mcuai_dsp.h"

#if defined(__ARM_FEATURE_DSP) && !defined(MCUAI_DSP_EMULATE) && defined(__GNUC__)
/* Bytes 1 and 3 of x, sign-extended to the two halfwords: one SXTB16 with its rotation (GCC 12 does not fold a
   rotate into __sxtb16's operand, which costs an extra instruction per word of weights). */
MCUAI_INLINE uint32_t mcuai_sxtb16_ror8(uint32_t x)
{
  uint32_t result;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(result) : "r"(x));
  return result;
}
#elif MCUAI_HAVE_DSP
#define mcuai_sxtb16_ror8(x) mcuai_sxtb16(mcuai_ror((x), 8))
#endif

#if MCUAI_HAVE_DSP
/* x[0..n) widened into wide[0..n) in the order mcuai_dot_s8_widened reads; the tail as is. */
MCUAI_INLINE void mcuai_widen_s8_pairs(const int8_t* x, int32_t n, int16_t* wide)
{
  int32_t c = 0;
  for (; c + 4 <= n; c += 4) {
    wide[c] = x[c];
    wide[c + 1] = x[c + 2];
    wide[c + 2] = x[c + 1];
    wide[c + 3] = x[c + 3];
  }
  for (; c < n; ++c) wide[c] = x[c];
}
#endif

/* sum of w[c] * x[c] over n values, wrapping in 32 bits (wide: x from mcuai_widen_s8_pairs on the DSP path). */
MCUAI_INLINE int32_t mcuai_dot_s8_widened(const int8_t* w, const int8_t* x, const int16_t* wide, int32_t n)
{
  int32_t sum = 0, c = 0;
#if MCUAI_HAVE_DSP
  (void)x;
  for (; c + 4 <= n; c += 4) {
    uint32_t wv, x02, x13;
    memcpy(&wv, w + c, 4);
    memcpy(&x02, wide + c, 4);
    memcpy(&x13, wide + c + 2, 4);
    sum = mcuai_smlad(mcuai_sxtb16(wv), x02, sum);
    sum = mcuai_smlad(mcuai_sxtb16_ror8(wv), x13, sum);
  }
  for (; c < n; ++c) sum += (int32_t)w[c] * wide[c];
#else
  (void)wide;
  for (; c + 4 <= n; c += 4)
    sum += (int32_t)w[c] * x[c] + (int32_t)w[c + 1] * x[c + 1] + (int32_t)w[c + 2] * x[c + 2] + (int32_t)w[c + 3] * x[c + 3];
  for (; c < n; ++c) sum += (int32_t)w[c] * x[c];
#endif
  return sum;
}

#endif
