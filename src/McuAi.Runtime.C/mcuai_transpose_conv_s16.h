/* McuAi.Build C runtime: TRANSPOSE_CONV with int16 activations, int8 per-channel weights and int64 bias (16x8
   quantization, TFLM's reference semantics). */
#ifndef MCUAI_TRANSPOSE_CONV_S16_H_
#define MCUAI_TRANSPOSE_CONV_S16_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (TransposeConvInt16Lowering), from the interpreter's prepared op.
   Input pixel (iy, ix) meets filter tap (fy, fx) at output pixel (iy * stride_h - pad_top + fy, ix * stride_w - pad_left + fx). */
typedef struct {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t pad_top, pad_left;
  int32_t act_min, act_max;
  const int8_t* filter;        /* [out_c][filter_h][filter_w][in_c] (OHWI), as in the model */
  const int64_t* bias;         /* [out_c] or NULL */
  const int32_t* multiplier;   /* [out_c] */
  const int8_t* shift;         /* [out_c] */
} mcuai_transpose_conv_s16_params;

void mcuai_transpose_conv_s16(const mcuai_transpose_conv_s16_params* p, const int16_t* MCUAI_RESTRICT input, int16_t* MCUAI_RESTRICT output);

#endif
