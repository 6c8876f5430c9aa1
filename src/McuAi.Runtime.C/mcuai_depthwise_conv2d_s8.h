/* McuAi.Build C runtime: DEPTHWISE_CONV_2D, int8 input/filter/output, int32 bias, per-channel rescale (TFLM's reference semantics). */
#ifndef MCUAI_DEPTHWISE_CONV2D_S8_H_
#define MCUAI_DEPTHWISE_CONV2D_S8_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (DepthwiseConv2DLowering). */
typedef struct {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;   /* out_c = in_c * depth_multiplier */
  int32_t depth_multiplier;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left;
  int32_t input_offset;
  int32_t output_offset;
  int32_t act_min, act_max;
  const int8_t* filter;          /* [filter_h][filter_w][out_c], as in the model */
  const int32_t* bias;           /* [out_c] or NULL */
  const int32_t* multiplier;     /* [out_c] */
  const int8_t* shift;             /* [out_c] */
} mcuai_depthwise_conv2d_s8_params;

void mcuai_depthwise_conv2d_s8(const mcuai_depthwise_conv2d_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output);

#endif
