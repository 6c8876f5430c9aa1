/* McuAi.Build C runtime: CONV_2D and FULLY_CONNECTED with INT4 weights (int8 input and output, int32 bias,
   per-channel rescale), the weights kept packed two per byte in flash and unpacked in registers. */
#ifndef MCUAI_CONV_S4_H_
#define MCUAI_CONV_S4_H_

#include "mcuai_widen_window.h"

/* All values prepared at build time by McuAi.Build (Int4WeightsLowering). */
typedef struct {
  mcuai_window_geometry geometry;
  int32_t out_c;
  int32_t depth;               /* filter_h * filter_w * in_c rounded up to a multiple of 8 */
  int32_t input_offset;        /* minus the input zero point */
  int32_t output_offset;
  int32_t act_min, act_max;
  /* [out_c][depth / 8][4]: each group of 8 weights w0..w7 of a row in 4 bytes, byte j = w_j (low nibble) | w_j+4 (high
     nibble); rows padded with zero weights. */
  const uint8_t* weights;
  const int32_t* bias;         /* [out_c] or NULL */
  const int32_t* multiplier;   /* [out_c] */
  const int8_t* shift;         /* [out_c] */
} mcuai_conv_s4_params;

/* Scratch: MCUAI_WIDEN_WINDOW_SCRATCH(depth) bytes. */
void mcuai_conv_s4(const mcuai_conv_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch);

#endif
