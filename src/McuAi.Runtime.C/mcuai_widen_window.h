/* McuAi.Build C runtime: one output pixel's input window, gathered and widened to 16 bits with the input offset
   added, for the kernels that dot it with many weight rows (mcuai_conv_s4, mcuai_sparse_conv_s8). Padding taps give
   0 (the input zero point plus the offset), so the rows need no bounds checks; the window is padded with 0 up to a
   multiple of 4 values.
   Layout: the portable path stores int16 values in order. The DSP path stores, for every 4 values x0..x3, the words
   [x0, x2] and [x1, x3] (halfword 0 first): the pairs SXTB16 and SXTB16 of the word rotated by 8 make of 4 packed
   weights, so the row loops need no unpacking of the inputs. */
#ifndef MCUAI_WIDEN_WINDOW_H_
#define MCUAI_WIDEN_WINDOW_H_

#include <string.h>

#include "mcuai_dsp.h"

/* The convolution geometry of a window kernel (a FULLY_CONNECTED is a 1x1 convolution over rows of depth in_c). */
typedef struct {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t out_h, out_w;
  int32_t filter_h, filter_w;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_top, pad_left;
} mcuai_window_geometry;

/* Bytes of scratch for a window of `depth` values (filter_h * filter_w * in_c, rounded up to a multiple of 4 by the
   caller): the int8 window and its widened form. */
#define MCUAI_WIDEN_WINDOW_SCRATCH(depth) (3 * (depth))

/* Gathers the window of output pixel (b, oy, ox) into `raw` (int8, `depth` values, zero point where the window leaves
   the input and after the taps) and widens it into `widened` (2 * depth bytes, 4-byte aligned). */
MCUAI_INLINE void mcuai_widen_window(const mcuai_window_geometry* g, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                                     int32_t input_offset, int32_t depth, int8_t* MCUAI_RESTRICT raw, void* MCUAI_RESTRICT widened)
{
  const int8_t zero_point = (int8_t)-input_offset;
  const int32_t iy0 = oy * g->stride_h - g->pad_top, ix0 = ox * g->stride_w - g->pad_left;
  const size_t taps_bytes = (size_t)g->filter_h * g->filter_w * g->in_c;
  int8_t* dst = raw;
  int32_t ky, kx, i;
  for (ky = 0; ky < g->filter_h; ++ky) {
    const int32_t iy = iy0 + ky * g->dilation_h;
    for (kx = 0; kx < g->filter_w; ++kx) {
      const int32_t ix = ix0 + kx * g->dilation_w;
      if (iy >= 0 && iy < g->in_h && ix >= 0 && ix < g->in_w)
        memcpy(dst, input + (((size_t)b * g->in_h + iy) * g->in_w + ix) * g->in_c, (size_t)g->in_c);
      else
        memset(dst, zero_point, (size_t)g->in_c);
      dst += g->in_c;
    }
  }
  memset(raw + taps_bytes, zero_point, (size_t)depth - taps_bytes);
#if MCUAI_HAVE_DSP
  {
    const uint32_t offsets = ((uint32_t)input_offset & 0xFFFFu) | ((uint32_t)input_offset << 16);
    uint32_t* out = (uint32_t*)widened;
    for (i = 0; i < depth; i += 4) {
      uint32_t x;
      memcpy(&x, raw + i, 4);
      out[0] = mcuai_sxtab16(offsets, x);
      out[1] = mcuai_sxtab16(offsets, mcuai_ror(x, 8));
      out += 2;
    }
  }
#else
  {
    int16_t* out = (int16_t*)widened;
    for (i = 0; i < depth; ++i) out[i] = (int16_t)(raw[i] + input_offset);
  }
#endif
}

/* The output stage of one channel: TFLite's per-channel rescale of acc + bias, output zero point, clamp. */
MCUAI_INLINE int8_t mcuai_output_s8(int32_t acc, const int32_t* bias, int32_t channel, const int32_t* multiplier, const int8_t* shift,
                                    int32_t output_offset, int32_t act_min, int32_t act_max)
{
  if (bias) acc += bias[channel];
  acc = mcuai_mbqm(acc, multiplier[channel], shift[channel]) + output_offset;
  return (int8_t)mcuai_clamp_i32(acc, act_min, act_max);
}

#endif
