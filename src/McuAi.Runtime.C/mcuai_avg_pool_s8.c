/* McuAi.Build C runtime: AVERAGE_POOL_2D int8: the mean of each window's in-bounds values, rounded to nearest
   (ties away from zero) as TFLM does, then clamped. Input and output share their quantization. */
#include "mcuai_avg_pool_s8.h"

void mcuai_avg_pool_s8(const mcuai_pool_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output)
{
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        int32_t y0, y1, x0, x1, count;
        mcuai_pool_window(p, oy, ox, &y0, &y1, &x0, &x1);
        count = (y1 - y0) * (x1 - x0);
        for (c = 0; c < p->channels; ++c) {
          int32_t acc = 0;
          for (y = y0; y < y1; ++y)
            for (x = x0; x < x1; ++x) acc += input[(((size_t)b * p->in_h + y) * p->in_w + x) * p->channels + c];
          acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
          *output++ = (int8_t)mcuai_clamp_i32(acc, p->act_min, p->act_max);
        }
      }
}
