/* McuAi.Build C runtime: TFLM's SignalFftAutoScale (shift a frame left as far as its largest magnitude allows). */
#ifndef MCUAI_SIGNAL_FFT_AUTO_SCALE_H_
#define MCUAI_SIGNAL_FFT_AUTO_SCALE_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;    /* samples scaled: the output's length */
} mcuai_signal_fft_auto_scale_params;

/* The output may be the input (in place); scale_bits gets the shift applied. */
void mcuai_signal_fft_auto_scale(const mcuai_signal_fft_auto_scale_params* p, const int16_t* input, int16_t* output, int32_t* scale_bits);

#endif
