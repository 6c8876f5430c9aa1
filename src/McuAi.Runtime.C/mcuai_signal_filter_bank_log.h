/* McuAi.Build C runtime: TFLM's SignalFilterBankLog (scaled fixed-point natural log of uint32 channels, int16 out). */
#ifndef MCUAI_SIGNAL_FILTER_BANK_LOG_H_
#define MCUAI_SIGNAL_FILTER_BANK_LOG_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (SignalFilterBankLogLowering), from the interpreter's prepared op. */
typedef struct {
  int32_t count;
  int32_t correction_bits;       /* input_correction_bits, 0..31 */
  uint32_t output_scale;
  const uint16_t* correction;    /* [130]: log2(1 + i / 128) - i / 128 in Q16, i = 0..128, and a 0 pad (TFLM's table) */
} mcuai_signal_filter_bank_log_params;

void mcuai_signal_filter_bank_log(const mcuai_signal_filter_bank_log_params* p, const uint32_t* MCUAI_RESTRICT input,
                                  int16_t* MCUAI_RESTRICT output);

#endif
