/* McuAi.Build C runtime: CONV_2D / FULLY_CONNECTED with INT4 weights.
   acc[oc] = sum over the window of w[oc][k] * (input + input_offset) + bias[oc], rescaled per channel (TFLM's reference
   semantics: TFLM unpacks the INT4 filter to int8 and runs its int8 kernel, so the sums are the same integers). Each
   output pixel's window is widened once (mcuai_widen_window.h) and dotted with every row. On the DSP path a word of 8
   packed weights becomes four pairs of halfwords with two masks and four SXTB16, each pair scaled by 16 (the nibble
   sits in the high half of its byte), so the row sum is 16 times the true one and is shifted back exactly. */
#include "mcuai_conv_s4.h"

#if MCUAI_HAVE_DSP
static int32_t mcuai_row_dot_s4(const uint8_t* MCUAI_RESTRICT w, const uint32_t* MCUAI_RESTRICT x, int32_t groups)
{
  int32_t acc = 0;
  while (groups-- > 0) {
    uint32_t packed, low, high;
    memcpy(&packed, w, 4);
    w += 4;
    low = (packed << 4) & 0xF0F0F0F0u;  /* w0..w3 times 16 in bytes 0..3 */
    high = packed & 0xF0F0F0F0u;        /* w4..w7 times 16 */
    acc = mcuai_smlad(mcuai_sxtb16(low), x[0], acc);
    acc = mcuai_smlad(mcuai_sxtb16(mcuai_ror(low, 8)), x[1], acc);
    acc = mcuai_smlad(mcuai_sxtb16(high), x[2], acc);
    acc = mcuai_smlad(mcuai_sxtb16(mcuai_ror(high, 8)), x[3], acc);
    x += 4;
  }
  return acc / 16; /* exact: every product is a multiple of 16 */
}
#else
/* A signed nibble: (n ^ 8) - 8 sign-extends bit 3. */
#define MCUAI_NIBBLE(n) ((int32_t)(((n) & 0xFu) ^ 8u) - 8)

static int32_t mcuai_row_dot_s4(const uint8_t* MCUAI_RESTRICT w, const int16_t* MCUAI_RESTRICT x, int32_t groups)
{
  int32_t acc = 0, j;
  while (groups-- > 0) {
    for (j = 0; j < 4; ++j) {
      const uint32_t b = w[j];
      acc += MCUAI_NIBBLE(b) * x[j] + MCUAI_NIBBLE(b >> 4) * x[j + 4];
    }
    w += 4;
    x += 8;
  }
  return acc;
}
#endif

void mcuai_conv_s4(const mcuai_conv_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch)
{
  const mcuai_window_geometry* g = &p->geometry;
  const int32_t groups = p->depth / 8, row_bytes = p->depth / 2;
  int8_t* raw = (int8_t*)scratch;
#if MCUAI_HAVE_DSP
  const uint32_t* window = (const uint32_t*)(void*)(scratch + p->depth);
#else
  const int16_t* window = (const int16_t*)(void*)(scratch + p->depth);
#endif
  int32_t b, oy, ox, oc;
  for (b = 0; b < g->batches; ++b)
    for (oy = 0; oy < g->out_h; ++oy)
      for (ox = 0; ox < g->out_w; ++ox) {
        const uint8_t* w = p->weights;
        mcuai_widen_window(g, input, b, oy, ox, p->input_offset, p->depth, raw, scratch + p->depth);
        for (oc = 0; oc < p->out_c; ++oc, w += row_bytes)
          *output++ = mcuai_output_s8(mcuai_row_dot_s4(w, window, groups), p->bias, oc, p->multiplier, p->shift,
                                      p->output_offset, p->act_min, p->act_max);
      }
}
