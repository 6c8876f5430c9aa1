/* McuAi.Build C runtime: DEPTHWISE_CONV_2D float32: per output channel, the in-bounds taps summed in (row, column)
   order, plus bias, clamped. */
#include "mcuai_depthwise_conv2d_f32.h"

#include "mcuai_window.h"

void mcuai_depthwise_conv2d_f32(const mcuai_depthwise_conv2d_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output)
{
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
          const int32_t ic = oc / p->depth_multiplier;
          float total = 0.0f;
          int32_t ky, kx;
          for (ky = ky0; ky < ky1; ++ky) {
            const float* row = input + ((size_t)b * p->in_h + iy0 + ky * p->dilation_h) * p->in_w * p->in_c;
            for (kx = kx0; kx < kx1; ++kx)
              total += row[(size_t)(ix0 + kx * p->dilation_w) * p->in_c + ic] * p->filter[((size_t)ky * p->filter_w + kx) * p->out_c + oc];
          }
          if (p->bias) total += p->bias[oc];
          *output++ = mcuai_clamp_f32(total, p->act_min, p->act_max);
        }
      }
    }
}
