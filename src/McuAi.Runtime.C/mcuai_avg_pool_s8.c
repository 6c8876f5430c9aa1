/* McuAi.Build C runtime: AVERAGE_POOL_2D int8: the mean of each window's in-bounds values, rounded to nearest
   (ties away from zero) as TFLM does, then clamped. Input and output share their quantization. */
#include "mcuai_avg_pool_s8.h"
#include "mcuai_dsp.h"

/* The rounded mean of a window's sum, clamped (TFLM's division, ties away from zero). */
MCUAI_INLINE int8_t mean_of(const mcuai_pool_params* p, int32_t acc, int32_t count)
{
  acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
  return (int8_t)mcuai_clamp_i32(acc, p->act_min, p->act_max);
}

#if MCUAI_HAVE_DSP
MCUAI_INLINE int32_t lane_lo(uint32_t x) { return (int32_t)(int16_t)(uint16_t)(x & 0xFFFFu); }
MCUAI_INLINE int32_t lane_hi(uint32_t x) { return (int32_t)(int16_t)(uint16_t)(x >> 16); }

/* Windows of at most 256 values sum 4 channels at once in halfword lanes (SXTAB16: channels 0 and 2, and with
   ROR #8 channels 1 and 3): |sum| <= 256 * 128 fits int16. Returns the first channel it did not do. */
static int32_t pixel_sums_by_4(const mcuai_pool_params* p, const int8_t* window, int32_t rows, int32_t cols, int32_t count, int8_t* output)
{
  const size_t pixel = (size_t)p->channels, row = (size_t)p->in_w * pixel;
  int32_t c, y, x;
  if (count > 256) return 0;
  for (c = 0; c + 4 <= p->channels; c += 4) {
    uint32_t even = 0, odd = 0;
    const int8_t* r = window + c;
    for (y = 0; y < rows; ++y, r += row) {
      const int8_t* at = r;
      for (x = 0; x < cols; ++x, at += pixel) {
        uint32_t w = mcuai_load_word(at);
        even = mcuai_sxtab16(even, w);
        odd = mcuai_sxtab16_ror8(odd, w);
      }
    }
    output[c] = mean_of(p, lane_lo(even), count);
    output[c + 1] = mean_of(p, lane_lo(odd), count);
    output[c + 2] = mean_of(p, lane_hi(even), count);
    output[c + 3] = mean_of(p, lane_hi(odd), count);
  }
  return c;
}
#endif

void mcuai_avg_pool_s8(const mcuai_pool_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output)
{
  int32_t b, oy, ox, c, y, x;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        int32_t y0, y1, x0, x1, count;
        mcuai_pool_window(p, oy, ox, &y0, &y1, &x0, &x1);
        count = (y1 - y0) * (x1 - x0);
#if MCUAI_HAVE_DSP
        c = pixel_sums_by_4(p, input + (((size_t)b * p->in_h + y0) * p->in_w + x0) * p->channels, y1 - y0, x1 - x0, count, output);
#else
        c = 0;
#endif
        for (; c < p->channels; ++c) {
          int32_t acc = 0;
          for (y = y0; y < y1; ++y)
            for (x = x0; x < x1; ++x) acc += input[(((size_t)b * p->in_h + y) * p->in_w + x) * p->channels + c];
          output[c] = mean_of(p, acc, count);
        }
        output += p->channels;
      }
}
