/* McuAi.Build C runtime: MAX_POOL_2D int8: the largest in-bounds value of each window, then the activation clamp. */
#include "mcuai_max_pool_s8.h"

void mcuai_max_pool_s8(const mcuai_pool_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output)
{
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        int32_t y0, y1, x0, x1;
        mcuai_pool_window(p, oy, ox, &y0, &y1, &x0, &x1);
        for (c = 0; c < p->channels; ++c) {
          int32_t best = -128;
          for (y = y0; y < y1; ++y)
            for (x = x0; x < x1; ++x) best = mcuai_max_i32(best, input[(((size_t)b * p->in_h + y) * p->in_w + x) * p->channels + c]);
          *output++ = (int8_t)mcuai_clamp_i32(best, p->act_min, p->act_max);
        }
      }
}
