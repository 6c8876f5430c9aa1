/* McuAi.Build C runtime: CONV_2D / FULLY_CONNECTED with block-sparse int8 weights.
   acc[oc] = sum over the stored blocks of w * (input + input_offset) + bias[oc], rescaled per channel: the skipped
   blocks are all zero, so this is the dense (TFLM reference) sum. Each output pixel's window is widened once
   (mcuai_widen_window.h); the bitmap is read a byte (8 blocks) at a time and an empty byte skips its blocks at once. */
#include "mcuai_sparse_conv_s8.h"

#if MCUAI_HAVE_DSP
typedef uint32_t mcuai_window_t;
#define MCUAI_WINDOW_STEP(block) ((block) / 2) /* words of a block in the widened window */

/* Sum of w * x over one block: per 4 weights, two SXTB16 make the pairs [w0, w2] and [w1, w3] of the window's words. */
static int32_t mcuai_block_dot_s8(const int8_t* MCUAI_RESTRICT w, const uint32_t* MCUAI_RESTRICT x, int32_t block, int32_t acc)
{
  for (; block > 0; block -= 4) {
    uint32_t packed;
    memcpy(&packed, w, 4);
    w += 4;
    acc = mcuai_smlad(mcuai_sxtb16(packed), x[0], acc);
    acc = mcuai_smlad(mcuai_sxtb16(mcuai_ror(packed, 8)), x[1], acc);
    x += 2;
  }
  return acc;
}
#else
typedef int16_t mcuai_window_t;
#define MCUAI_WINDOW_STEP(block) (block)

static int32_t mcuai_block_dot_s8(const int8_t* MCUAI_RESTRICT w, const int16_t* MCUAI_RESTRICT x, int32_t block, int32_t acc)
{
  int32_t i;
  for (i = 0; i < block; ++i) acc += (int32_t)w[i] * x[i];
  return acc;
}
#endif

void mcuai_sparse_conv_s8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch)
{
  const mcuai_window_geometry* g = &p->geometry;
  const int32_t block = p->block, blocks_per_row = p->depth / p->block, step = MCUAI_WINDOW_STEP(p->block);
  const mcuai_window_t* window = (const mcuai_window_t*)(void*)(scratch + p->depth);
  int32_t b, oy, ox, oc;
  for (b = 0; b < g->batches; ++b)
    for (oy = 0; oy < g->out_h; ++oy)
      for (ox = 0; ox < g->out_w; ++ox) {
        const int8_t* w = p->values;
        uint32_t index = 0; /* block index in the bitmap */
        mcuai_widen_window(g, input, b, oy, ox, p->input_offset, p->depth, (int8_t*)scratch, scratch + p->depth);
        for (oc = 0; oc < p->out_c; ++oc) {
          int32_t acc = 0, k = 0;
          while (k < blocks_per_row) {
            /* The bits of this row left in the current bitmap byte. */
            int32_t n = 8 - (int32_t)(index % 8u);
            uint32_t bits;
            if (n > blocks_per_row - k) n = blocks_per_row - k;
            bits = ((uint32_t)p->bitmap[index / 8u] >> (index % 8u)) & ((1u << n) - 1u);
            while (bits != 0) {
              if (bits & 1u) {
                acc = mcuai_block_dot_s8(w, window + (size_t)k * step, block, acc);
                w += block;
              }
              bits >>= 1;
              ++k;
              --n;
              ++index;
            }
            k += n;
            index += (uint32_t)n;
          }
          *output++ = mcuai_output_s8(acc, p->bias, oc, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
        }
      }
}
