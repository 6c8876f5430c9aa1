/* McuAi.Build C runtime: DEPTHWISE_CONV_2D with INT4 weights.
   acc[oc] = sum over the in-bounds taps of filter[ky][kx][oc] * (input[y][x][oc / M] + input_offset) + bias[oc],
   rescaled per channel (TFLM's reference semantics; padding contributes nothing). One output pixel at a time, tap by
   tap, its channels' accumulators in scratch: a byte of the filter holds two neighbouring channels' weights. */
#include "mcuai_depthwise_s4.h"

#include "mcuai_window.h"

/* A signed nibble: (n ^ 8) - 8 sign-extends bit 3. */
#define MCUAI_NIBBLE(n) ((int32_t)(((n) & 0xFu) ^ 8u) - 8)

void mcuai_depthwise_s4(const mcuai_depthwise_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch)
{
  const mcuai_window_geometry* g = &p->geometry;
  const int32_t channels = p->out_c, m = p->depth_multiplier, offset = p->input_offset;
  int32_t* acc = (int32_t*)(void*)scratch;
  int32_t b, oy, ox, oc;
  for (b = 0; b < g->batches; ++b) {
    for (oy = 0; oy < g->out_h; ++oy) {
      const int32_t iy0 = oy * g->stride_h - g->pad_top;
      int32_t ky0, ky1;
      mcuai_window_taps(iy0, g->dilation_h, g->filter_h, g->in_h, &ky0, &ky1);
      for (ox = 0; ox < g->out_w; ++ox) {
        const int32_t ix0 = ox * g->stride_w - g->pad_left;
        int32_t kx0, kx1, ky, kx;
        mcuai_window_taps(ix0, g->dilation_w, g->filter_w, g->in_w, &kx0, &kx1);
        memset(acc, 0, (size_t)channels * sizeof(int32_t));
        for (ky = ky0; ky < ky1; ++ky) {
          const int32_t iy = iy0 + ky * g->dilation_h;
          for (kx = kx0; kx < kx1; ++kx) {
            const int8_t* x = input + (((size_t)b * g->in_h + iy) * g->in_w + ix0 + kx * g->dilation_w) * g->in_c;
            const size_t first = ((size_t)ky * g->filter_w + kx) * (size_t)channels;
            if (m == 1 && first % 2 == 0) {
              /* Whole bytes: channels oc and oc + 1 from one byte. */
              const uint8_t* w = p->filter + first / 2;
              for (oc = 0; oc + 1 < channels; oc += 2) {
                const uint32_t pair = *w++;
                acc[oc] += MCUAI_NIBBLE(pair) * ((int32_t)x[oc] + offset);
                acc[oc + 1] += MCUAI_NIBBLE(pair >> 4) * ((int32_t)x[oc + 1] + offset);
              }
              if (oc < channels) acc[oc] += MCUAI_NIBBLE(*w) * ((int32_t)x[oc] + offset);
            } else {
              for (oc = 0; oc < channels; ++oc) {
                const size_t i = first + (size_t)oc;
                acc[oc] += MCUAI_NIBBLE(p->filter[i / 2] >> (4 * (i % 2))) * ((int32_t)x[oc / m] + offset);
              }
            }
          }
        }
        for (oc = 0; oc < channels; ++oc)
          *output++ = mcuai_output_s8(acc[oc], p->bias, oc, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
      }
    }
  }
}
