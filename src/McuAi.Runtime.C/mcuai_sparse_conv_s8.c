/* McuAi.Build C runtime: CONV_2D / FULLY_CONNECTED with block-sparse int8 weights.
   acc[oc] = sum over the stored blocks of w * (input + input_offset) + bias[oc], rescaled per channel: the skipped
   blocks are all zero, so this is the dense (TFLM reference) sum. Each output pixel's window is widened once
   (mcuai_widen_window.h); the bitmap is read a byte (8 blocks) at a time, and its set bits are found by counting trailing zeros, so a zero
   block costs nothing but its bit. */
#include "mcuai_sparse_conv_s8.h"

/* Trailing zero bits of x (x != 0): RBIT + CLZ on a Cortex-M. */
#if defined(__GNUC__) || defined(__clang__)
#define mcuai_ctz(x) ((uint32_t)__builtin_ctz(x))
#else
MCUAI_INLINE uint32_t mcuai_ctz(uint32_t x)
{
  uint32_t n = 0;
  while ((x & 1u) == 0) {
    x >>= 1;
    ++n;
  }
  return n;
}
#endif

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

/* acc plus one row's stored blocks times the window: the row's bits start at bit `index` of the bitmap; each bitmap
   byte's set bits are found by counting trailing zeros, so a zero block costs nothing but its bit. Inlined with a
   constant block size, so the block loop unrolls. */
MCUAI_INLINE int32_t mcuai_sparse_row(const uint8_t* bitmap, uint32_t index, int32_t blocks, const int8_t** values,
                                      const mcuai_window_t* window, const int32_t block, int32_t acc)
{
  const int8_t* w = *values;
  const int32_t step = MCUAI_WINDOW_STEP(block);
  int32_t k = 0;
  while (k < blocks) {
    const uint32_t first = index % 8u;
    const int32_t n = mcuai_min_i32(8 - (int32_t)first, blocks - k);
    uint32_t bits = ((uint32_t)bitmap[index / 8u] >> first) & ((1u << n) - 1u);
    const mcuai_window_t* x = window + (size_t)k * step;
    while (bits != 0) {
      const uint32_t skip = mcuai_ctz(bits);
      x += (size_t)skip * step;
      acc = mcuai_block_dot_s8(w, x, block, acc);
      w += block;
      x += step;
      bits = (bits >> skip) >> 1;
    }
    k += n;
    index += (uint32_t)n;
  }
  *values = w;
  return acc;
}

void mcuai_sparse_conv_s8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch)
{
  const mcuai_window_geometry* g = &p->geometry;
  const int32_t blocks_per_row = p->depth / p->block;
  const mcuai_window_t* window = (const mcuai_window_t*)(void*)(scratch + p->depth);
  int32_t b, oy, ox, oc;
  for (b = 0; b < g->batches; ++b)
    for (oy = 0; oy < g->out_h; ++oy)
      for (ox = 0; ox < g->out_w; ++ox) {
        const int8_t* w = p->values;
        mcuai_widen_window(g, input, b, oy, ox, p->input_offset, p->depth, (int8_t*)scratch, scratch + p->depth);
        for (oc = 0; oc < p->out_c; ++oc) {
          const uint32_t index = (uint32_t)oc * (uint32_t)blocks_per_row;
          int32_t acc;
          switch (p->block) {
            case 4: acc = mcuai_sparse_row(p->bitmap, index, blocks_per_row, &w, window, 4, 0); break;
            case 8: acc = mcuai_sparse_row(p->bitmap, index, blocks_per_row, &w, window, 8, 0); break;
            default: acc = mcuai_sparse_row(p->bitmap, index, blocks_per_row, &w, window, 16, 0); break;
          }
          *output++ = mcuai_output_s8(acc, p->bias, oc, p->multiplier, p->shift, p->output_offset, p->act_min, p->act_max);
        }
      }
}
