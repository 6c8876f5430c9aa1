/* McuAi.Build C runtime: TFLM's SignalFilterBank (uint32 energies into overlapping triangular channels, uint64 each). */
#ifndef MCUAI_SIGNAL_FILTER_BANK_H_
#define MCUAI_SIGNAL_FILTER_BANK_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t channels;   /* num_channels: channels + 1 sums are computed, the first is discarded */
  int32_t outputs;    /* output elements (at most channels) */
} mcuai_signal_filter_bank_params;

/* weights, unweights: int16 per weight index; frequency_starts, weight_starts, widths: int16 per channel (channels + 1),
   constant tables checked at build time to stay inside the energies and weights. */
void mcuai_signal_filter_bank(const mcuai_signal_filter_bank_params* p, const uint32_t* energies, const int16_t* weights,
                              const int16_t* unweights, const int16_t* frequency_starts, const int16_t* weight_starts,
                              const int16_t* widths, uint64_t* MCUAI_RESTRICT output);

#endif
