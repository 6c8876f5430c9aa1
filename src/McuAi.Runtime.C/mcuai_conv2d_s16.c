/* McuAi.Build C runtime: CONV_2D int16 x int8.
   acc[oc] = sum over the in-bounds window of filter[oc][ky][kx][c] * input[y][x][g * filter_c + c] (int64; activations
   are symmetric, no offsets) + bias[oc], rescaled per channel with the 64-bit single-rounding multiply, clamped.
   Each tap's run of channels is summed in int32 first, at most 256 products at a time (each product is at most 2^22
   in magnitude, so a run cannot overflow): the same exact sum in fewer 64-bit additions. */
#include "mcuai_conv2d_s16.h"

#include "mcuai_window.h"

MCUAI_INLINE int64_t dot_s16_s8(const int16_t* x, const int8_t* f, int32_t n)
{
  int64_t sum = 0;
  while (n > 0) {
    const int32_t run = n < 256 ? n : 256;
    int32_t partial = 0, c;
    for (c = 0; c < run; ++c) partial += (int32_t)x[c] * (int32_t)f[c];
    sum += partial;
    x += run;
    f += run;
    n -= run;
  }
  return sum;
}

void mcuai_conv2d_s16(const mcuai_conv2d_s16_params* p, const int16_t* MCUAI_RESTRICT input, int16_t* MCUAI_RESTRICT output)
{
  const int32_t per_group = p->out_c / (p->in_c / p->filter_c);
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b) {
    for (oy = 0; oy < p->out_h; ++oy) {
      const int32_t iy0 = oy * p->stride_h - p->pad_top;
      int32_t ky0, ky1;
      mcuai_window_taps(iy0, p->dilation_h, p->filter_h, p->in_h, &ky0, &ky1);
      for (ox = 0; ox < p->out_w; ++ox) {
        const int32_t ix0 = ox * p->stride_w - p->pad_left;
        int32_t kx0, kx1;
        mcuai_window_taps(ix0, p->dilation_w, p->filter_w, p->in_w, &kx0, &kx1);
        for (oc = 0; oc < p->out_c; ++oc) {
          const int32_t channel0 = (oc / per_group) * p->filter_c;
          int64_t acc = p->bias ? p->bias[oc] : 0;
          int32_t ky, kx;
          for (ky = ky0; ky < ky1; ++ky) {
            const int32_t iy = iy0 + ky * p->dilation_h;
            const int16_t* row = input + ((size_t)b * p->in_h + iy) * p->in_w * p->in_c + channel0;
            const int8_t* frow = p->filter + ((size_t)oc * p->filter_h + ky) * p->filter_w * p->filter_c;
            if (p->dilation_w == 1 && p->filter_c == p->in_c) {
              /* The valid taps of the row meet one contiguous run of input pixels: one dot product. */
              acc += dot_s16_s8(row + (size_t)(ix0 + kx0) * p->in_c, frow + (size_t)kx0 * p->filter_c, (kx1 - kx0) * p->filter_c);
              continue;
            }
            for (kx = kx0; kx < kx1; ++kx)
              acc += dot_s16_s8(row + (size_t)(ix0 + kx * p->dilation_w) * p->in_c, frow + (size_t)kx * p->filter_c, p->filter_c);
          }
          *output++ = (int16_t)mcuai_clamp_i32(mcuai_mbqm64(acc, p->multiplier[oc], p->shift[oc]), p->act_min, p->act_max);
        }
      }
    }
  }
}
