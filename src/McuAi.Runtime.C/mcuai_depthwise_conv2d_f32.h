/* McuAi.Build C runtime: DEPTHWISE_CONV_2D on float32 tensors. */
#ifndef MCUAI_DEPTHWISE_CONV2D_F32_H_
#define MCUAI_DEPTHWISE_CONV2D_F32_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (DepthwiseConv2DLowering). */
typedef struct {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t depth_multiplier;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left;
  float act_min, act_max;
  const float* filter;        /* [filter_h][filter_w][out_c] */
  const float* bias;          /* [out_c] or NULL */
} mcuai_depthwise_conv2d_f32_params;

void mcuai_depthwise_conv2d_f32(const mcuai_depthwise_conv2d_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output);

#endif
