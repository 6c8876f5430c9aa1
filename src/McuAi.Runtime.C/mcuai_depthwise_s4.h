/* McuAi.Build C runtime: DEPTHWISE_CONV_2D with INT4 weights (int8 input and output), the filter kept packed two
   values per byte in flash. A depthwise filter is small (taps x channels): the kernel unpacks it into scratch once per
   call and runs mcuai_depthwise_s8 on it, so INT4 layers take the dense kernel's paths (and instructions). */
#ifndef MCUAI_DEPTHWISE_S4_H_
#define MCUAI_DEPTHWISE_S4_H_

#include "mcuai_depthwise_s8.h"

/* mcuai_depthwise_s8's params (McuAi.Build's Int4WeightsLowering prepares them as the dense lowering does), except
   that weights holds the [k_h * k_w][out_c] filter in TFLite's INT4 packing: element i in the low nibble of byte
   i / 2 when i is even, else in the high one. */
typedef mcuai_depthwise_s8_params mcuai_depthwise_s4_params;

/* Scratch bytes: the unpacked filter (rounded up to a word), then mcuai_depthwise_s8's scratch. */
#define MCUAI_DEPTHWISE_S4_UNPACKED(taps, out_c) (((taps) * (out_c) + 3) / 4 * 4)

void mcuai_depthwise_s4(const mcuai_depthwise_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
