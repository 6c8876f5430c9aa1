/* McuAi.Build C runtime: SignalFftAutoScale. The largest magnitude is found as TFLM's MaxAbs16 does, with its running
   maximum kept in int16 (-32768 negates to itself); the shift is 15 minus the top bit's position (0 for a maximum of 0
   or -32768, whose top bit TFLM's GCC build reports as 32); each sample is shifted left, wrapping to int16. */
#include "mcuai_signal_fft_auto_scale.h"

#include "mcuai_signal.h"

void mcuai_signal_fft_auto_scale(const mcuai_signal_fft_auto_scale_params* p, const int16_t* input, int16_t* output, int32_t* scale_bits)
{
  int16_t max = 0;
  int32_t i, scale;
  for (i = 0; i < p->count; ++i) {
    const int16_t value = input[i];
    if (value > max) max = value;
    else if (-value > max) max = (int16_t)-value;
  }
  scale = 16 - (int32_t)mcuai_msb32((uint32_t)(int32_t)max) - 1;
  if (scale < 0) scale = 0;
  for (i = 0; i < p->count; ++i) output[i] = (int16_t)((uint32_t)(int32_t)input[i] << scale);
  *scale_bits = scale;
}
