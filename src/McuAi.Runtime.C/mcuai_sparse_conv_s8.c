/* McuAi.Build C runtime: CONV_2D / FULLY_CONNECTED with block-sparse int8 weights. See mcuai_sparse_conv_s8.h.
   The skipped blocks are all zero, so the sums are the dense (TFLM reference) ones. A row's bits are read a bitmap
   byte (up to 8 blocks) at a time and its set bits found by counting trailing zeros (RBIT + CLZ on a Cortex-M), so
   a zero block costs nothing but its bit; a stored block runs the dense kernel's step per 4 weights. */
#include "mcuai_sparse_conv_s8.h"
#include "mcuai_conv_s8.h" /* mcuai_conv_run: McuAi.Build copies mcuai_conv_s8.c with this file */

/* Trailing zero bits of x (x != 0). */
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

MCUAI_INLINE const mcuai_sparse_conv_s8_params* sparse_of(const mcuai_conv_s8_params* p)
{
  return (const mcuai_sparse_conv_s8_params*)(const void*)p; /* conv is the first member */
}

/* The bits of blocks [k, k + n) of the bitmap from bit `index` (n <= 8 - index % 8: within one byte). */
MCUAI_INLINE uint32_t block_bits(const uint8_t* bitmap, uint32_t index, int32_t n)
{
  return ((uint32_t)bitmap[index / 8u] >> (index % 8u)) & ((1u << n) - 1u);
}

/* Blocks in the bitmap byte that holds bit `index`, at most `left`. */
MCUAI_INLINE int32_t blocks_in_byte(uint32_t index, int32_t left)
{
  return mcuai_min_i32(8 - (int32_t)(index % 8u), left);
}

/* Visits the stored blocks of one row whose bits start at *index: BODY runs with `at` = the block's position in the
   row (in blocks); the body advances the weights; *index advances past the row. */
#define FOR_EACH_STORED_BLOCK(bitmap, index, blocks, ...)                          \
  do {                                                                           \
    int32_t k_ = 0;                                                              \
    while (k_ < (blocks)) {                                                      \
      const int32_t n_ = blocks_in_byte((index), (blocks) - k_);                 \
      uint32_t bits_ = block_bits((bitmap), (index), n_);                         \
      int32_t at = k_;                                                           \
      while (bits_ != 0) {                                                       \
        const uint32_t skip_ = mcuai_ctz(bits_);                                 \
        at += (int32_t)skip_;                                                    \
        __VA_ARGS__;                                                             \
        ++at;                                                                    \
        bits_ = (bits_ >> skip_) >> 1;                                           \
      }                                                                          \
      k_ += n_;                                                                  \
      (index) += (uint32_t)n_;                                                   \
    }                                                                            \
  } while (0)

#if MCUAI_HAVE_DSP

/* Every output channel of four pixels: per stored block, per 4 weights one load, two SXTB16 and 8 SMLAD. */
static void channels4_sparse(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job)
{
  const mcuai_sparse_conv_s8_params* sp = sparse_of(p);
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t block = sp->block, blocks = p->depth / block, words = 2 * block; /* window words of a block */
  const mcuai_u32_alias* k = job->consts;
  const int8_t* w = job->w;
  uint32_t index = 0;
  int8_t* out;
  for (out = job->out; out != job->end; ++out, k += 4) {
    int32_t a[4];
    a[0] = a[1] = a[2] = a[3] = (int32_t)k[0];
    FOR_EACH_STORED_BLOCK(sp->bitmap, index, blocks, {
      const mcuai_u32_alias* c = job->cols + (size_t)at * (size_t)words;
      int32_t q;
      for (q = block; q > 0; q -= 4, w += 4, c += 8) {
        const uint32_t wv = mcuai_load_word(w);
        MCUAI_CONV_MAC4(a, c, mcuai_sxtb16(wv));
        MCUAI_CONV_MAC4(a, c + 4, mcuai_sxtb16_ror8(wv));
      }
    });
    mcuai_conv_store4(r, a, k, out, job->stride);
  }
}

/* Every output channel of one pixel (n = depth: the sparse rows have no tail). */
static void channels1_sparse(const mcuai_conv_s8_params* p, const mcuai_u32_alias* k, const int8_t* window, int32_t n, int8_t* out)
{
  const mcuai_sparse_conv_s8_params* sp = sparse_of(p);
  const int32_t block = sp->block, blocks = p->depth / block;
  const int8_t* w = p->weights;
  uint32_t index = 0;
  int32_t ch;
  (void)n;
  for (ch = 0; ch < p->out_c; ++ch, k += 4) {
    int32_t a0 = (int32_t)k[0], a1 = 0;
    FOR_EACH_STORED_BLOCK(sp->bitmap, index, blocks, {
      const int8_t* x = window + (size_t)at * (size_t)block;
      int32_t i;
      for (i = 0; i < block; i += 4, w += 4) {
        const uint32_t wv = mcuai_load_word(w), xv = mcuai_load_word(x + i);
        a0 = mcuai_smlad(mcuai_sxtb16(xv), mcuai_sxtb16(wv), a0);
        a1 = mcuai_smlad(mcuai_sxtb16_ror8(xv), mcuai_sxtb16_ror8(wv), a1);
      }
    });
    out[ch] = mcuai_conv_output(&p->rescale, (int32_t)((uint32_t)a0 + (uint32_t)a1), k);
  }
}

/* Channel c's weights, zero blocks included (c = 0, 1, ... in order: *cursor walks the stored blocks). */
static void row_sparse(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, int8_t* weights, int32_t bytes)
{
  const mcuai_sparse_conv_s8_params* sp = sparse_of(p);
  const int32_t blocks = p->depth / sp->block;
  uint32_t index = (uint32_t)c * (uint32_t)blocks;
  const int8_t* w = *cursor;
  memset(weights, 0, (size_t)bytes);
  FOR_EACH_STORED_BLOCK(sp->bitmap, index, blocks, {
    memcpy(weights + (size_t)at * (size_t)sp->block, w, (size_t)sp->block);
    w += sp->block;
  });
  *cursor = w;
}

static const mcuai_conv_rows s_rows_sparse = { channels4_sparse, channels1_sparse, row_sparse };

#else /* portable path */

static int32_t dot_sparse(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, const int8_t* window, int32_t n)
{
  const mcuai_sparse_conv_s8_params* sp = sparse_of(p);
  const int32_t blocks = p->depth / sp->block;
  uint32_t index = (uint32_t)c * (uint32_t)blocks, acc = 0;
  const int8_t* w = *cursor;
  (void)n;
  FOR_EACH_STORED_BLOCK(sp->bitmap, index, blocks, {
    const int8_t* x = window + (size_t)at * (size_t)sp->block;
    int32_t i;
    for (i = 0; i < sp->block; ++i) acc += (uint32_t)((int32_t)x[i] * (int32_t)*w++);
  });
  *cursor = w;
  return (int32_t)acc;
}

static const mcuai_conv_rows s_rows_sparse = { dot_sparse };

#endif

void mcuai_sparse_conv_s8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(&p->conv, input, output, scratch, &s_rows_sparse);
}
