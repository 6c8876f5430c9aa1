/* McuAi.Build C runtime: SignalFilterBankSpectralSubtraction. Per channel: the signal gets smoothing_bits fraction bits
   (wrapping in 32 bits), the estimate is a first-order low-pass of it (64-bit products, wrapping), the output is the
   signal minus the estimate (never negative; with clamping the estimate itself is lowered), but at least
   min_signal_remaining x the signal. */
#include "mcuai_signal_spectral_subtraction.h"

void mcuai_signal_spectral_subtraction(const mcuai_signal_spectral_subtraction_params* p, const uint32_t* MCUAI_RESTRICT input,
                                       uint32_t* MCUAI_RESTRICT output, uint32_t* MCUAI_RESTRICT noise_output,
                                       uint32_t* MCUAI_RESTRICT noise_state)
{
  const int bits = (int)p->spectral_subtraction_bits;
  int32_t i;
  for (i = 0; i < p->channels; ++i) {
    const int odd = (i & 1) != 0;
    const uint64_t smoothing = odd ? p->alternate_smoothing : p->smoothing;
    const uint64_t one_minus_smoothing = odd ? p->alternate_one_minus_smoothing : p->one_minus_smoothing;
    const uint32_t signal = input[i] << p->smoothing_bits;
    uint32_t estimate, floor, subtracted;
    noise_state[i] = (uint32_t)((signal * smoothing + noise_state[i] * one_minus_smoothing) >> bits);
    estimate = noise_state[i];
    if (estimate > signal) {
      estimate = signal;
      if (p->clamping) noise_state[i] = estimate;
    }
    floor = (uint32_t)(((uint64_t)input[i] * p->min_signal_remaining) >> bits);
    subtracted = (signal - estimate) >> p->smoothing_bits;
    output[i] = subtracted > floor ? subtracted : floor;
  }
  for (i = 0; i < p->channels; ++i) noise_output[i] = noise_state[i];
}
