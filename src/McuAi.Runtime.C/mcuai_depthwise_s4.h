/* McuAi.Build C runtime: DEPTHWISE_CONV_2D with INT4 weights (int8 input and output, int32 bias, per-channel
   rescale), the filter kept as the model stores it: TFLite's INT4 packing, two values per byte. */
#ifndef MCUAI_DEPTHWISE_S4_H_
#define MCUAI_DEPTHWISE_S4_H_

#include "mcuai_widen_window.h"

/* All values prepared at build time by McuAi.Build (Int4WeightsLowering). */
typedef struct {
  mcuai_window_geometry geometry;
  int32_t out_c;
  int32_t depth_multiplier;
  int32_t input_offset;        /* minus the input zero point */
  int32_t output_offset;
  int32_t act_min, act_max;
  /* [filter_h][filter_w][out_c] values, element i in the low nibble of byte i / 2 when i is even, else the high one. */
  const uint8_t* filter;
  const int32_t* bias;         /* [out_c] or NULL */
  const int32_t* multiplier;   /* [out_c] */
  const int8_t* shift;         /* [out_c] */
} mcuai_depthwise_s4_params;

/* Scratch: 4 * out_c bytes (the accumulators of one output pixel). */
void mcuai_depthwise_s4(const mcuai_depthwise_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch);

#endif
