/* McuAi.Build C runtime: the params of the pooling kernels (AVERAGE_POOL_2D, MAX_POOL_2D; int8 and float32). */
#ifndef MCUAI_POOL_H_
#define MCUAI_POOL_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (PoolLowering). NHWC, input and output share the channels. */
typedef struct {
  int32_t batches;
  int32_t in_h, in_w, channels;
  int32_t out_h, out_w;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t pad_top, pad_left;
  int32_t act_min, act_max;      /* quantized kernels */
  float act_min_f, act_max_f;    /* float kernels */
} mcuai_pool_params;

/* The window of output pixel (oy, ox) clipped to the input: rows [*y0, *y1), columns [*x0, *x1). */
MCUAI_INLINE void mcuai_pool_window(const mcuai_pool_params* p, int32_t oy, int32_t ox, int32_t* y0, int32_t* y1, int32_t* x0, int32_t* x1)
{
  int32_t oy0 = oy * p->stride_h - p->pad_top, ox0 = ox * p->stride_w - p->pad_left;
  *y0 = mcuai_max_i32(0, oy0);
  *y1 = mcuai_min_i32(p->in_h, oy0 + p->filter_h);
  *x0 = mcuai_max_i32(0, ox0);
  *x1 = mcuai_min_i32(p->in_w, ox0 + p->filter_w);
}

#endif
