/* McuAi.Build C runtime: the channel loops of block-sparse rows (mcuai_sparse_conv_s8.h) for one block size, as
   static functions and the tables (mcuai_conv_rows) that mcuai_conv_run takes: `s_sparse_rows` for any output stage,
   `s_sparse_rows_fast` for the fast one without clamp. Included once by each
   block size's kernel file (mcuai_sparse_conv_s8_b4.c, _b8.c, _b16.c) after it defines MCUAI_SPARSE_BLOCK: the block is
   a constant of the loops (they unroll), and a model links the loops of the block sizes it uses only.
   The skipped blocks are all zero, so the sums are the dense (TFLM reference) ones. A row's bits are read a bitmap
   byte (8 blocks) at a time and its set bits found by counting trailing zeros (RBIT + CLZ on a Cortex-M), so a zero
   block costs nothing but its bit; a stored block runs the dense kernel's step per 4 weights. */
#if !defined(MCUAI_SPARSE_BLOCK) || (MCUAI_SPARSE_BLOCK != 4 && MCUAI_SPARSE_BLOCK != 8 && MCUAI_SPARSE_BLOCK != 16)
#error "define MCUAI_SPARSE_BLOCK as 4, 8 or 16 before including mcuai_sparse_conv_s8_rows.h"
#endif

#include "mcuai_sparse_conv_s8.h"

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

/* Visits the stored blocks of the row whose bits start at `bits` (a byte pointer, advanced past the row): the
   statements after `blocks` run with `at` = the block's position in the row (in blocks). */
#define FOR_EACH_STORED_BLOCK(bits, blocks, ...)                   \
  do {                                                           \
    int32_t k_;                                                  \
    for (k_ = 0; k_ < (blocks); k_ += 8) {                       \
      uint32_t set_ = *(bits)++;                                 \
      int32_t at = k_;                                           \
      while (set_ != 0) {                                        \
        const uint32_t skip_ = mcuai_ctz(set_);                  \
        at += (int32_t)skip_;                                    \
        __VA_ARGS__;                                             \
        ++at;                                                    \
        set_ = (set_ >> skip_) >> 1;                             \
      }                                                          \
    }                                                            \
  } while (0)

#define BLOCK MCUAI_SPARSE_BLOCK

#if MCUAI_HAVE_DSP

#if MCUAI_DSP_ASM
/* A block's four-pixel windows take 2^LOG2_BYTES bytes (BLOCK values x 4 pixels x 2 bytes); STEPS: the dense kernel's
   step once per 4 weights of the block. */
#if BLOCK == 4
#define LOG2_BYTES "5"
#define STEPS MCUAI_CONV4_STEP
#elif BLOCK == 8
#define LOG2_BYTES "6"
#define STEPS MCUAI_CONV4_STEP MCUAI_CONV4_STEP
#else /* 16 */
#define LOG2_BYTES "7"
#define STEPS MCUAI_CONV4_STEP MCUAI_CONV4_STEP MCUAI_CONV4_STEP MCUAI_CONV4_STEP
#endif

/* channels4 for the fast output stage without clamp (the frame: mcuai_conv_s8.h; job->extra = the bitmap, walked
   across the rows). Per bitmap byte about a dozen instructions; per stored block RBIT, CLZ, two shifts, an ADD and
   the dense kernel's steps (LDR, two SXTB16, two LDM, 8 SMLAD each): a zero block costs nothing but its bit.
   [sp, #12] (q): the bytes of a row's bits; [sp, #32]: the row's bitmap end; [sp, #36]: the windows of the byte's
   first block (a byte's 8 blocks take 8 << LOG2_BYTES bytes of windows). */
MCUAI_CONV4_ASM(channels4_sparse_asm,
    "ldr r12, [sp, #0]\n\t"
    "ldr r0, [r12], #4\n\t"
    "str r12, [sp, #0]\n\t"
    "mov r1, r0\n\t"
    "mov r2, r0\n\t"
    "mov r3, r0\n\t"
    "ldr r10, [sp, #8]\n\t"
    "ldr r11, [sp, #28]\n\t"
    "ldr r12, [sp, #12]\n\t"
    "add r12, r11, r12\n\t"
    "str r12, [sp, #32]\n"
    "1:\n\t"
    "ldrb lr, [r11], #1\n\t"
    "str r11, [sp, #28]\n\t"
    "str r10, [sp, #36]\n\t"
    "cmp lr, #0\n\t"
    "beq 3f\n"
    "2:\n\t"
    "rbit r12, lr\n\t"
    "clz r12, r12\n\t"
    "lsr lr, lr, r12\n\t"
    "add r10, r10, r12, lsl #" LOG2_BYTES "\n\t"
    STEPS
    "lsrs lr, lr, #1\n\t"
    "bne 2b\n"
    "3:\n\t"
    "ldr r10, [sp, #36]\n\t"
    "add r10, r10, #(8 << " LOG2_BYTES ")\n\t"
    "ldr r11, [sp, #28]\n\t"
    "ldr r12, [sp, #32]\n\t"
    "cmp r11, r12\n\t"
    "bne 1b\n\t"
    "ldr r12, [sp, #0]\n\t"
    "ldmia r12!, {r4, r5, r6}\n\t"
    "str r12, [sp, #0]\n\t"
    MCUAI_CONV4_RESCALE("r4", "r5", "r6"))

static void channels4_sparse_fast(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job)
{
  /* q: the bytes of a row's bits; extra walks the bitmap. */
  mcuai_conv_block4 rows = *job;
  rows.extra = sparse_of(p)->bitmap;
  rows.q = (p->depth / BLOCK + 7) / 8;
  channels4_sparse_asm(p, &rows);
}
#endif

/* Every output channel of four pixels: per stored block, per 4 weights one load, two SXTB16 and 8 SMLAD (the dense
   kernel's step; the block's steps unroll). */
static void channels4_sparse(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t blocks = p->depth / BLOCK, words = 2 * BLOCK; /* window words of a block */
  const mcuai_u32_alias* k = job->consts;
  const int8_t* w = job->w;
  const uint8_t* bits = sparse_of(p)->bitmap;
  int8_t* out;
  for (out = job->out; out != job->end; ++out, k += 4) {
    int32_t a[4];
    a[0] = a[1] = a[2] = a[3] = (int32_t)k[0];
    FOR_EACH_STORED_BLOCK(bits, blocks, {
      const mcuai_u32_alias* c = job->cols + (size_t)at * (size_t)words;
      int32_t q;
      for (q = 0; q < BLOCK; q += 4, w += 4, c += 8) {
        const uint32_t wv = mcuai_load_word(w);
        MCUAI_CONV_MAC4(a, c, mcuai_sxtb16(wv));
        MCUAI_CONV_MAC4(a, c + 4, mcuai_sxtb16_ror8(wv));
      }
    });
    mcuai_conv_store4(r, a, k, out, job->stride);
  }
}

/* Every output channel of one pixel (n = depth: the sparse rows have no tail). */
static void channels1_sparse(const mcuai_conv_s8_params* p, const int8_t* window, int32_t n, int8_t* out)
{
  const int32_t blocks = p->depth / BLOCK;
  const int8_t* w = p->weights;
  const uint8_t* bits = sparse_of(p)->bitmap;
  int32_t ch;
  (void)n;
  for (ch = 0; ch < p->out_c; ++ch) {
    int32_t a0 = p->bias[ch], a1 = 0;
    FOR_EACH_STORED_BLOCK(bits, blocks, {
      const int8_t* x = window + (size_t)at * (size_t)BLOCK;
      int32_t i;
      for (i = 0; i < BLOCK; i += 4, w += 4) {
        const uint32_t wv = mcuai_load_word(w), xv = mcuai_load_word(x + i);
        a0 = mcuai_smlad(mcuai_sxtb16(xv), mcuai_sxtb16(wv), a0);
        a1 = mcuai_smlad(mcuai_sxtb16_ror8(xv), mcuai_sxtb16_ror8(wv), a1);
      }
    });
    out[ch] = mcuai_rescale_one(&p->rescale, (int32_t)((uint32_t)a0 + (uint32_t)a1), ch);
  }
}

/* Channel c's weights, zero blocks included (c = 0, 1, ... in order: *cursor walks the stored blocks). */
static void row_sparse(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, int8_t* weights, int32_t bytes)
{
  const int32_t blocks = p->depth / BLOCK;
  const uint8_t* bits = sparse_of(p)->bitmap + (size_t)c * (size_t)((blocks + 7) / 8);
  const int8_t* w = *cursor;
  memset(weights, 0, (size_t)bytes);
  FOR_EACH_STORED_BLOCK(bits, blocks, {
    memcpy(weights + (size_t)at * (size_t)BLOCK, w, (size_t)BLOCK);
    w += BLOCK;
  });
  *cursor = w;
}

static const mcuai_conv_rows s_sparse_rows = { channels4_sparse, MCUAI_CONV4_FAST(channels4_sparse_fast), channels1_sparse, row_sparse };

#if MCUAI_DSP_ASM
/* For layers whose output stage is the fast one without clamp (the kernel's _fast entry): every block of four pixels
   runs the assembly loop, so a model whose layers all take that entry does not link the C loop above. */
static const mcuai_conv_rows s_sparse_rows_fast = { channels4_sparse_fast, channels4_sparse_fast, channels1_sparse, row_sparse };
#endif

#else /* portable path */

static int32_t dot_sparse(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, const int8_t* window, int32_t n)
{
  const int32_t blocks = p->depth / BLOCK;
  const uint8_t* bits = sparse_of(p)->bitmap + (size_t)c * (size_t)((blocks + 7) / 8);
  const int8_t* w = *cursor;
  uint32_t acc = 0;
  (void)n;
  FOR_EACH_STORED_BLOCK(bits, blocks, {
    const int8_t* x = window + (size_t)at * (size_t)BLOCK;
    int32_t i;
    for (i = 0; i < BLOCK; ++i) acc += (uint32_t)((int32_t)x[i] * (int32_t)*w++);
  });
  *cursor = w;
  return (int32_t)acc;
}

static const mcuai_conv_rows s_sparse_rows = { dot_sparse };

#endif

#if !MCUAI_DSP_ASM
#define s_sparse_rows_fast s_sparse_rows /* no assembly loop: the C loops serve both entries */
#endif
