/* McuAi.Build C runtime: SignalFilterBank. Each bin feeds two neighbouring channels, with its weight and its
   "unweight" (1 - weight); the unweighted sum of a channel starts the next one. int16 weights widen to uint64 as in C
   (sign-extended); products and sums wrap modulo 2^64, as in TFLM. */
#include "mcuai_signal_filter_bank.h"

void mcuai_signal_filter_bank(const mcuai_signal_filter_bank_params* p, const uint32_t* energies, const int16_t* weights,
                              const int16_t* unweights, const int16_t* frequency_starts, const int16_t* weight_starts,
                              const int16_t* widths, uint64_t* MCUAI_RESTRICT output)
{
  uint64_t weighted = 0, unweighted = 0;
  int32_t channel, j;
  for (channel = 0; channel <= p->channels; ++channel) {
    const int32_t bin = frequency_starts[channel], weight = weight_starts[channel];
    for (j = 0; j < widths[channel]; ++j) {
      const uint64_t energy = energies[bin + j];
      weighted += (uint64_t)(int64_t)weights[weight + j] * energy;
      unweighted += (uint64_t)(int64_t)unweights[weight + j] * energy;
    }
    if (channel >= 1 && channel <= p->outputs) output[channel - 1] = weighted;
    weighted = unweighted;
    unweighted = 0;
  }
}
