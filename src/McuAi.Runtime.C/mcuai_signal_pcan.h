/* McuAi.Build C runtime: TFLM's SignalPCAN (per-channel amplitude normalisation by a noise-dependent gain). */
#ifndef MCUAI_SIGNAL_PCAN_H_
#define MCUAI_SIGNAL_PCAN_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;       /* channels */
  int32_t snr_shift;   /* 0..63 */
} mcuai_signal_pcan_params;

/* gains: the op's int16 table of at least 125 entries (3 coefficients per bit position). */
void mcuai_signal_pcan(const mcuai_signal_pcan_params* p, const uint32_t* input, const uint32_t* noise, const int16_t* gains,
                       uint32_t* output);

#endif
