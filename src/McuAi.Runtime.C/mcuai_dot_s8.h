/* McuAi.Build C runtime: dot products of int8 weight rows with an int8 activation vector that is used by many rows
   (SVDF's feature projection, the LSTM's gates). On the DSP path the vector is widened once to int16, each group of
   four as (x0, x2, x1, x3): the halfword pairs that meet SXTB16's (w0, w2) and (w1, w3) of a word of weights, so a
   word of weights costs two SMLADs. */
#ifndef MCUAI_DOT_S8_H_
#define MCUAI_DOT_S8_H_

#include "mcuai_dsp.h"

/* mcuai_sxtb16_ror8 (one SXTB16 with its rotation) comes from mcuai_dsp.h. */

/* x[0..n) plus offset (an input zero point taken out, so that the sums need no correction; x + offset fits int16)
   widened into wide[0..n): on the DSP path in the order mcuai_dot_s8_widened reads, the tail as is; else in order. */
MCUAI_INLINE void mcuai_widen_s8_offset(const int8_t* x, int32_t n, int32_t offset, int16_t* wide)
{
  int32_t c = 0;
#if MCUAI_HAVE_DSP
  for (; c + 4 <= n; c += 4) {
    wide[c] = (int16_t)(x[c] + offset);
    wide[c + 1] = (int16_t)(x[c + 2] + offset);
    wide[c + 2] = (int16_t)(x[c + 1] + offset);
    wide[c + 3] = (int16_t)(x[c + 3] + offset);
  }
#endif
  for (; c < n; ++c) wide[c] = (int16_t)(x[c] + offset);
}

#if MCUAI_HAVE_DSP
/* x[0..n) widened into wide[0..n) in the order mcuai_dot_s8_widened reads; the tail as is. */
MCUAI_INLINE void mcuai_widen_s8_pairs(const int8_t* x, int32_t n, int16_t* wide)
{
  mcuai_widen_s8_offset(x, n, 0, wide);
}
#endif

/* sum of w[c] * x[c] over n values, wrapping in 32 bits, x as mcuai_widen_s8_offset wrote it into wide. */
MCUAI_INLINE int32_t mcuai_dot_s8_widened(const int8_t* w, const int16_t* wide, int32_t n)
{
  int32_t sum = 0, c = 0;
#if MCUAI_HAVE_DSP
  for (; c + 4 <= n; c += 4) {
    uint32_t wv, x02, x13;
    memcpy(&wv, w + c, 4);
    memcpy(&x02, wide + c, 4);
    memcpy(&x13, wide + c + 2, 4);
    sum = mcuai_smlad(mcuai_sxtb16(wv), x02, sum);
    sum = mcuai_smlad(mcuai_sxtb16_ror8(wv), x13, sum);
  }
#else
  for (; c + 4 <= n; c += 4)
    sum += (int32_t)w[c] * wide[c] + (int32_t)w[c + 1] * wide[c + 1] + (int32_t)w[c + 2] * wide[c + 2] + (int32_t)w[c + 3] * wide[c + 3];
#endif
  for (; c < n; ++c) sum += (int32_t)w[c] * wide[c];
  return sum;
}

#endif
