/* McuAi.Build C runtime: TRANSPOSE_CONV int16 x int8.
   TFLM scatters every input pixel's products into an int64 buffer the size of the output. The sums are exact in int64,
   so their order does not matter: here each output value gathers the products of the input pixels and taps that land
   on it, and no buffer is needed. Then bias, the 64-bit per-channel rescale and the clamp, as TFLM. */
#include "mcuai_transpose_conv_s16.h"

MCUAI_INLINE int64_t dot_s16_s8(const int16_t* x, const int8_t* f, int32_t n)
{
  int64_t sum = 0;
  while (n > 0) {
    const int32_t run = n < 256 ? n : 256; /* |products| <= 2^22: 256 of them fit an int32 */
    int32_t partial = 0, c;
    for (c = 0; c < run; ++c) partial += (int32_t)x[c] * (int32_t)f[c];
    sum += partial;
    x += run;
    f += run;
    n -= run;
  }
  return sum;
}

/* The first tap whose input coordinate (o + pad - tap) / stride is a whole number; the taps then go in steps of stride. */
MCUAI_INLINE int32_t first_tap(int32_t o, int32_t pad, int32_t stride)
{
  const int32_t r = (o + pad) % stride;
  return r < 0 ? r + stride : r;
}

void mcuai_transpose_conv_s16(const mcuai_transpose_conv_s16_params* p, const int16_t* MCUAI_RESTRICT input, int16_t* MCUAI_RESTRICT output)
{
  const size_t tap_size = (size_t)p->in_c;
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b) {
    const int16_t* image = input + (size_t)b * p->in_h * p->in_w * p->in_c;
    for (oy = 0; oy < p->out_h; ++oy) {
      const int32_t fy0 = first_tap(oy, p->pad_top, p->stride_h);
      for (ox = 0; ox < p->out_w; ++ox) {
        const int32_t fx0 = first_tap(ox, p->pad_left, p->stride_w);
        for (oc = 0; oc < p->out_c; ++oc) {
          int64_t acc = p->bias ? p->bias[oc] : 0;
          int32_t fy, fx;
          for (fy = fy0; fy < p->filter_h; fy += p->stride_h) {
            const int32_t iy = (oy + p->pad_top - fy) / p->stride_h;
            if (oy + p->pad_top - fy < 0) break;
            if (iy >= p->in_h) continue;
            for (fx = fx0; fx < p->filter_w; fx += p->stride_w) {
              const int32_t ix = (ox + p->pad_left - fx) / p->stride_w;
              if (ox + p->pad_left - fx < 0) break;
              if (ix >= p->in_w) continue;
              acc += dot_s16_s8(image + ((size_t)iy * p->in_w + ix) * tap_size,
                                p->filter + (((size_t)oc * p->filter_h + fy) * p->filter_w + fx) * tap_size, p->in_c);
            }
          }
          *output++ = (int16_t)mcuai_clamp_i32(mcuai_mbqm64(acc, p->multiplier[oc], p->shift[oc]), p->act_min, p->act_max);
        }
      }
    }
  }
}
