/* McuAi.Build C runtime: CONV_2D float32: per output value, the in-bounds window summed in (row, column, channel)
   order as TFLM's reference kernel does, plus bias, clamped. */
#include "mcuai_conv2d_f32.h"

#include "mcuai_window.h"

void mcuai_conv2d_f32(const mcuai_conv2d_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output)
{
  const int32_t per_group = p->out_c / (p->in_c / p->filter_c);
  int32_t b, oy, ox, oc;
  for (b = 0; b < p->batches; ++b)
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
          float total = 0.0f;
          int32_t ky, kx, c;
          for (ky = ky0; ky < ky1; ++ky) {
            const int32_t iy = iy0 + ky * p->dilation_h;
            for (kx = kx0; kx < kx1; ++kx) {
              const int32_t ix = ix0 + kx * p->dilation_w;
              const float* x = input + (((size_t)b * p->in_h + iy) * p->in_w + ix) * p->in_c + channel0;
              const float* f = p->filter + (((size_t)oc * p->filter_h + ky) * p->filter_w + kx) * p->filter_c;
              for (c = 0; c < p->filter_c; ++c) total += x[c] * f[c];
            }
          }
          if (p->bias) total += p->bias[oc];
          *output++ = mcuai_clamp_f32(total, p->act_min, p->act_max);
        }
      }
    }
}
