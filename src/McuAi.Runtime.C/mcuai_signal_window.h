/* McuAi.Build C runtime: TFLM's SignalWindow (int16 samples times an int16 window, shifted, saturated). */
#ifndef MCUAI_SIGNAL_WINDOW_H_
#define MCUAI_SIGNAL_WINDOW_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (SignalWindowLowering), from the interpreter's prepared op. */
typedef struct {
  int32_t count;    /* samples: whole frames of the window's length */
  int32_t frame;    /* the window's length */
  int32_t shift;    /* right shift of each product, 0..31 */
} mcuai_signal_window_params;

/* The output may be the input (in place). */
void mcuai_signal_window(const mcuai_signal_window_params* p, const int16_t* input, const int16_t* window, int16_t* output);

#endif
