/* McuAi.Build C runtime: AVERAGE_POOL_2D float32: the sum of each window's in-bounds values divided by their count, clamped. */
#include "mcuai_avg_pool_f32.h"

void mcuai_avg_pool_f32(const mcuai_pool_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output)
{
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        int32_t y0, y1, x0, x1;
        mcuai_pool_window(p, oy, ox, &y0, &y1, &x0, &x1);
        for (c = 0; c < p->channels; ++c) {
          float sum = 0.0f;
          for (y = y0; y < y1; ++y)
            for (x = x0; x < x1; ++x) sum += input[(((size_t)b * p->in_h + y) * p->in_w + x) * p->channels + c];
          *output++ = mcuai_clamp_f32(sum / (float)((y1 - y0) * (x1 - x0)), p->act_min_f, p->act_max_f);
        }
      }
}
