/* McuAi.Build C runtime: TFLM's SignalRfft for int16 (kissfft 1.3.0 with FIXED_POINT=16, operation by operation). */
#ifndef MCUAI_SIGNAL_RFFT_H_
#define MCUAI_SIGNAL_RFFT_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (SignalRfftLowering): the tables are the interpreter's. */
typedef struct {
  int32_t frame;                  /* input samples per frame (zero-padded to 2n) */
  int32_t frames;
  int32_t n;                      /* complex FFT length: the FFT length / 2; n + 1 bins per frame */
  const int32_t* factors;         /* (radix, remaining length) pairs, one per stage; radices 2, 3, 4, 5 */
  const int16_t* twiddles;        /* [n][2]: e^(-2 pi i k / n) in Q15 */
  const int16_t* super_twiddles;  /* [n / 2][2]: the real-FFT split's twiddles for k = 1..n/2 */
} mcuai_signal_rfft_params;

/* output: frames x (n + 1) complex bins as interleaved (real, imaginary) int16. The complex FFT runs in the output's
   own memory, so no scratch is needed; the output must not overlap the input. */
void mcuai_signal_rfft(const mcuai_signal_rfft_params* p, const int16_t* MCUAI_RESTRICT input, int16_t* MCUAI_RESTRICT output);

#endif
