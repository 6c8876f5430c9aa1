/* McuAi.Build C runtime: SignalFilterBankSquareRoot. output[i] = sqrt(input[i]) >> scale_bits. A shift of 32 or more is
   undefined in C; as McuAi.Build's interpreter (and x86), the low five bits of the count are used. */
#include "mcuai_signal_filter_bank_sqrt.h"

#include "mcuai_signal.h"

void mcuai_signal_filter_bank_sqrt(const mcuai_signal_filter_bank_sqrt_params* p, const uint64_t* MCUAI_RESTRICT input,
                                   const int32_t* scale_bits, uint32_t* MCUAI_RESTRICT output)
{
  const uint32_t shift = (uint32_t)*scale_bits & 31u;
  int32_t i;
  for (i = 0; i < p->count; ++i) output[i] = mcuai_sqrt64(input[i]) >> shift;
}
