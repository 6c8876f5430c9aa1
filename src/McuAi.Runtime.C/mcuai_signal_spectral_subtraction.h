/* McuAi.Build C runtime: TFLM's SignalFilterBankSpectralSubtraction (noise reduction with a running noise estimate
   per channel, kept in the model's state buffer across invocations and cleared by init). */
#ifndef MCUAI_SIGNAL_SPECTRAL_SUBTRACTION_H_
#define MCUAI_SIGNAL_SPECTRAL_SUBTRACTION_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (SignalSpectralSubtractionLowering): the op's parameters. */
typedef struct {
  int32_t channels;
  uint32_t smoothing, one_minus_smoothing;                       /* even channels */
  uint32_t alternate_smoothing, alternate_one_minus_smoothing;   /* odd channels */
  uint32_t min_signal_remaining;
  int32_t smoothing_bits;                                        /* 0..31 */
  int32_t spectral_subtraction_bits;                             /* 0..63 */
  int32_t clamping;                                              /* 1: the estimate follows the signal down */
} mcuai_signal_spectral_subtraction_params;

/* noise_output: a copy of the estimates after this invocation; noise_state: [channels] uint32, the estimates. */
void mcuai_signal_spectral_subtraction(const mcuai_signal_spectral_subtraction_params* p, const uint32_t* MCUAI_RESTRICT input,
                                       uint32_t* MCUAI_RESTRICT output, uint32_t* MCUAI_RESTRICT noise_output,
                                       uint32_t* MCUAI_RESTRICT noise_state);

#endif
