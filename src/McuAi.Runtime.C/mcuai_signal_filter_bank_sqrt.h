/* McuAi.Build C runtime: TFLM's SignalFilterBankSquareRoot (rounded square roots of uint64 channel energies). */
#ifndef MCUAI_SIGNAL_FILTER_BANK_SQRT_H_
#define MCUAI_SIGNAL_FILTER_BANK_SQRT_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;   /* channels */
} mcuai_signal_filter_bank_sqrt_params;

/* scale_bits: the shift SignalFftAutoScale applied (int32 scalar). */
void mcuai_signal_filter_bank_sqrt(const mcuai_signal_filter_bank_sqrt_params* p, const uint64_t* MCUAI_RESTRICT input,
                                   const int32_t* scale_bits, uint32_t* MCUAI_RESTRICT output);

#endif
