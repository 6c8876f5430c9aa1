/* McuAi.Build C runtime: CONV_2D and FULLY_CONNECTED with INT4 weights (int8 input and output), the weights kept
   packed two per byte in flash and unpacked in registers. Everything but the weights is mcuai_conv_s8's (windows,
   four-pixel blocking, folded bias, output stage): this file supplies its channel loops for packed rows. */
#ifndef MCUAI_CONV_S4_H_
#define MCUAI_CONV_S4_H_

#include "mcuai_conv_s8.h"

/* mcuai_conv_s8's params (McuAi.Build's Int4WeightsLowering prepares them as the dense lowering does), except:
   depth is the row length rounded up to a multiple of 8 (of 4 when that is at most 12: the layers whose weights
   mcuai_conv_s8 widens once per call), and weights are [out_c][(depth + 7) / 8][4] bytes: each group of 8 weights
   w0..w7 of a row in 4 bytes, byte j = w_j (low nibble) | w_j+4 (high nibble), rows padded with zeros.
   Scratch: MCUAI_CONV_S8_SCRATCH with that depth. */
typedef mcuai_conv_s8_params mcuai_conv_s4_params;

void mcuai_conv_s4(const mcuai_conv_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

/* The same for the fast output stage without clamp (see mcuai_conv_s8_fast). */
void mcuai_conv_s4_fast(const mcuai_conv_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
