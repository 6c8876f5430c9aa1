/* McuAi.Build C runtime: CONV_2D int8. See mcuai_conv_s8.h. */
#include "mcuai_conv_s8.h"
#include "mcuai_rescale_s8.h" /* mcuai_rescale_exact_clamped: McuAi.Build copies mcuai_rescale_s8.c with this file */

/* The window of output pixel (b, oy, ox) by rows: taps kx in [first, last) of a row inside the input are
   read from it, one tap every step bytes from the row's first tap; the rest is padding. */
typedef struct {
  const int8_t* row0;  /* first tap of window row 0 (valid only where the row is inside the input) */
  size_t row_step;     /* bytes from one window row to the next */
  int32_t iy0;         /* input row of window row 0 */
  int32_t first, last; /* taps of a row inside the input */
  int32_t step;        /* bytes from one tap to the next */
} window_rows;

static void window_of(const mcuai_conv_s8_params* p, const int8_t* input, int32_t b, int32_t oy, int32_t ox, window_rows* w)
{
  int32_t ix0 = ox * p->stride_w - p->pad_left, first = 0, last = p->k_w;
  if (p->dil_w == 1) {
    if (ix0 < 0) first = -ix0;
    if (ix0 + last > p->in_w) last = p->in_w - ix0;
  } else {
    while (first < last && ix0 + first * p->dil_w < 0) ++first;
    while (last > first && ix0 + (last - 1) * p->dil_w >= p->in_w) --last;
  }
  if (last < first) last = first;
  w->first = first;
  w->last = last;
  w->step = p->dil_w * p->in_c;
  w->iy0 = oy * p->stride_h - p->pad_top;
  w->row_step = (size_t)p->dil_h * (size_t)p->in_w * (size_t)p->in_c;
  /* Address arithmetic on ptrdiff_t: the row and column may lie outside (then nothing is read from them). */
  w->row0 = input + (((ptrdiff_t)b * p->in_h + w->iy0) * (ptrdiff_t)p->in_w + ix0 + (ptrdiff_t)first * p->dil_w) * (ptrdiff_t)p->in_c;
}

MCUAI_INLINE int window_row_inside(const mcuai_conv_s8_params* p, const window_rows* w, int32_t ky)
{
  int32_t iy = w->iy0 + ky * p->dil_h;
  return iy >= 0 && iy < p->in_h;
}

/* n bytes from src (small runs: a loop of words and bytes, no library call). */
MCUAI_NOINLINE static int8_t* copy_bytes(int8_t* dst, const int8_t* src, size_t n)
{
  for (; n >= 4; n -= 4, dst += 4, src += 4) memcpy(dst, src, 4);
  if (n & 2) {
    memcpy(dst, src, 2);
    dst += 2;
    src += 2;
  }
  if (n & 1) *dst++ = *src;
  return dst;
}

MCUAI_NOINLINE static int8_t* fill_bytes(int8_t* dst, int8_t value, size_t n)
{
  uint32_t pattern = (uint32_t)(uint8_t)value * 0x01010101u;
  for (; n >= 4; n -= 4, dst += 4) memcpy(dst, &pattern, 4);
  for (; n > 0; --n) *dst++ = value;
  return dst;
}

/* The window of one output pixel as bytes (zero point where it leaves the input), zero up to depth. */
static void gather_window(const mcuai_conv_s8_params* p, const int8_t* input, int32_t b, int32_t oy, int32_t ox, int8_t* window)
{
  const size_t tap = (size_t)p->in_c, width = (size_t)p->k_w * tap;
  const int8_t zp = (int8_t)p->input_zp;
  int8_t* end = window + p->depth;
  window_rows w;
  int32_t ky, kx;
  window_of(p, input, b, oy, ox, &w);
  if (w.first == 0 && w.last == p->k_w && (size_t)w.step == tap && w.iy0 >= 0 && w.iy0 + (p->k_h - 1) * p->dil_h < p->in_h) {
    /* Inside the input: k_h runs of k_w * in_c bytes. */
    const int8_t* src = w.row0;
    for (ky = 0; ky < p->k_h; ++ky, src += w.row_step) window = copy_bytes(window, src, width);
    fill_bytes(window, 0, (size_t)(end - window));
    return;
  }
  for (ky = 0; ky < p->k_h; ++ky) {
    const int8_t* src = w.row0 + (ptrdiff_t)ky * (ptrdiff_t)w.row_step;
    if (!window_row_inside(p, &w, ky)) {
      window = fill_bytes(window, zp, width);
      continue;
    }
    window = fill_bytes(window, zp, (size_t)w.first * tap);
    if ((size_t)w.step == tap)
      window = copy_bytes(window, src, (size_t)(w.last - w.first) * tap);
    else
      for (kx = w.first; kx < w.last; ++kx, src += w.step) window = copy_bytes(window, src, tap);
    window = fill_bytes(window, zp, (size_t)(p->k_w - w.last) * tap);
  }
  fill_bytes(window, 0, (size_t)(end - window));
}

#if MCUAI_HAVE_DSP

/* The four-pixel window buffer holds each 4 window values x0..x3 as two halfword-pair words, (x0, x2) and
   (x1, x3): the operands SMLAD multiplies with a weight word's SXTB16 and SXTB16 ROR #8. The pixels are
   interleaved (8 words per 4 values, (x1, x3) 4 words after (x0, x2), pixel s at +s), so that one LDM reads
   a half step of all four. */

/* Sign-extends n bytes (a multiple of 4) into one pixel slot of the buffer. */
MCUAI_NOINLINE static mcuai_u32_alias* expand_bytes(mcuai_u32_alias* cols, const int8_t* src, int32_t n)
{
  for (; n > 0; n -= 4, src += 4, cols += 8) {
    uint32_t w = mcuai_load_word(src);
    cols[0] = mcuai_sxtb16(w);
    cols[4] = mcuai_sxtb16_ror8(w);
  }
  return cols;
}

MCUAI_NOINLINE static mcuai_u32_alias* expand_constant(mcuai_u32_alias* cols, uint32_t pair, int32_t n)
{
  for (; n > 0; n -= 4, cols += 8) {
    cols[0] = pair;
    cols[4] = pair;
  }
  return cols;
}

/* Writes output pixel (b, oy, ox)'s window into the buffer at cols (already at the pixel's slot). */
static void expand_window(const mcuai_conv_s8_params* p, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                          mcuai_u32_alias* cols, int8_t* window)
{
  if ((p->in_c & 3) == 0) {
    /* Whole words per tap: straight from the input (or the zero point) into the buffer. */
    const uint32_t zp_pair = ((uint32_t)p->input_zp & 0xFFFFu) * 0x00010001u;
    const int32_t tap = p->in_c;
    window_rows w;
    int32_t ky, kx;
    window_of(p, input, b, oy, ox, &w);
    for (ky = 0; ky < p->k_h; ++ky) {
      const int8_t* src = w.row0 + (ptrdiff_t)ky * (ptrdiff_t)w.row_step;
      if (!window_row_inside(p, &w, ky)) {
        cols = expand_constant(cols, zp_pair, p->k_w * tap);
        continue;
      }
      cols = expand_constant(cols, zp_pair, w.first * tap);
      if (w.step == tap)
        cols = expand_bytes(cols, src, (w.last - w.first) * tap);
      else
        for (kx = w.first; kx < w.last; ++kx, src += w.step) cols = expand_bytes(cols, src, tap);
      cols = expand_constant(cols, zp_pair, (p->k_w - w.last) * tap);
    }
  } else if (((p->k_w * p->in_c) & 3) == 0) {
    /* Whole words per window row: rows inside the input straight from it; the others staged in one row of
       bytes (zero point where the row leaves the input). */
    const int32_t width = p->k_w * p->in_c, tap = p->in_c;
    const int8_t zp = (int8_t)p->input_zp;
    window_rows w;
    int32_t ky, kx;
    window_of(p, input, b, oy, ox, &w);
    for (ky = 0; ky < p->k_h; ++ky) {
      const int8_t* src = w.row0 + (ptrdiff_t)ky * (ptrdiff_t)w.row_step;
      int8_t* at = window;
      if (window_row_inside(p, &w, ky) && w.first == 0 && w.last == p->k_w && w.step == tap) {
        cols = expand_bytes(cols, src, width);
        continue;
      }
      if (!window_row_inside(p, &w, ky)) {
        fill_bytes(window, zp, (size_t)width);
      } else {
        at = fill_bytes(at, zp, (size_t)(w.first * tap));
        for (kx = w.first; kx < w.last; ++kx, src += w.step) at = copy_bytes(at, src, (size_t)tap);
        fill_bytes(at, zp, (size_t)((p->k_w - w.last) * tap));
      }
      cols = expand_bytes(cols, window, width);
    }
  } else {
    gather_window(p, input, b, oy, ox, window);
    expand_bytes(cols, window, p->depth);
  }
}

/* The per-channel constants in scratch, built once per call: bias, multiplier, nudge (fast form; 0
   otherwise) and shift, read by the channel loops with one load each. */
static void build_consts(const mcuai_conv_s8_params* p, mcuai_u32_alias* consts)
{
  const mcuai_rescale_s8* r = &p->rescale;
  int32_t c;
  for (c = 0; c < p->out_c; ++c, consts += 4) {
    consts[0] = (uint32_t)p->bias[c];
    consts[1] = (uint32_t)r->multiplier[c];
    consts[2] = (r->mode & MCUAI_RESCALE_FAST) ? (uint32_t)mcuai_rescale_nudge(r->output_zp, r->shift[c]) : 0u;
    consts[3] = (uint32_t)(int32_t)r->shift[c];
  }
}


#if MCUAI_DSP_ASM
/* channels4 for the fast output stage without clamp (the frame: mcuai_conv_s8.h). Per channel: the bias into
   r0-r3, then per 4 weights the dense step. */
MCUAI_CONV4_ASM(channels4_asm,
      "ldr r12, [sp, #0]\n\t"
      "ldr r0, [r12], #4\n\t"
      "str r12, [sp, #0]\n\t"
      "mov r1, r0\n\t"
      "mov r2, r0\n\t"
      "mov r3, r0\n\t"
      "ldrd r10, lr, [sp, #8]\n\t"
      "tst lr, #1\n\t"
      "beq 1f\n\t"
      MCUAI_CONV4_STEP
      "1:\n\t"
      "tst lr, #2\n\t"
      "beq 2f\n\t"
      MCUAI_CONV4_STEP MCUAI_CONV4_STEP
      "2:\n\t"
      "lsrs lr, lr, #2\n\t"
      "beq 4f\n"
      "3:\n\t"
      MCUAI_CONV4_STEP MCUAI_CONV4_STEP MCUAI_CONV4_STEP MCUAI_CONV4_STEP
      "subs lr, lr, #1\n\t"
      "bne 3b\n"
      "4:\n\t"
      "ldr r12, [sp, #0]\n\t"
      "ldmia r12!, {r4, r5, r6}\n\t"
      "str r12, [sp, #0]\n\t"
      MCUAI_CONV4_RESCALE("r4", "r5", "r6"))
#endif

/* Every output channel of four pixels whose windows are in the four-pixel buffer. */
static void channels4(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const mcuai_u32_alias* k = job->consts;
  const int8_t* w = job->w;
  int8_t* out;
  for (out = job->out; out != job->end; ++out, k += 4) {
    const mcuai_u32_alias* c = job->cols;
    int32_t a[4], q;
    a[0] = a[1] = a[2] = a[3] = (int32_t)k[0];
    for (q = job->q; q > 0; --q, w += 4, c += 8) {
      uint32_t wv = mcuai_load_word(w);
      MCUAI_CONV_MAC4(a, c, mcuai_sxtb16(wv));
      MCUAI_CONV_MAC4(a, c + 4, mcuai_sxtb16_ror8(wv));
    }
    mcuai_conv_store4(r, a, k, out, job->stride);
  }
}

/* Every output channel of one pixel, from its window of n bytes (the input pixel itself for a 1x1 layer
   without padding, so FULLY_CONNECTED rows need no scratch), with the bias and output-stage constants read from
   the params (nothing built per call: a layer of one pixel, FULLY_CONNECTED, spends its time here). Four channels
   at a time share each window word, split once by SXTB16 and SXTB16 ROR #8: per 4 values and channel one weight
   word, two SXTB16 and two SMLAD; the last n % 4 values one at a time. */
static void channels1(const mcuai_conv_s8_params* p, const int8_t* window, int32_t n, int8_t* out)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t depth = p->depth, out_c = p->out_c, words = n >> 2;
  int32_t ch, i, k;
  for (ch = 0; ch < out_c; ch += 4) {
    /* A last group of fewer than 4 channels repeats its last channel (computed, not stored). */
    const int32_t last = out_c - 1;
    const int32_t c1 = mcuai_min_i32(ch + 1, last), c2 = mcuai_min_i32(ch + 2, last), c3 = mcuai_min_i32(ch + 3, last);
    const int8_t* w0 = p->weights + (size_t)ch * (size_t)depth;
    const int8_t* w1 = p->weights + (size_t)c1 * (size_t)depth;
    const int8_t* w2 = p->weights + (size_t)c2 * (size_t)depth;
    const int8_t* w3 = p->weights + (size_t)c3 * (size_t)depth;
    int32_t acc[4];
    int32_t a0 = p->bias[ch], a1 = p->bias[c1], a2 = p->bias[c2], a3 = p->bias[c3];
    for (i = 0; i < words; ++i) {
      const uint32_t xv = mcuai_load_word(window + 4 * i), xlo = mcuai_sxtb16(xv), xhi = mcuai_sxtb16_ror8(xv);
      uint32_t wv = mcuai_load_word(w0 + 4 * i);
      a0 = mcuai_smlad(xhi, mcuai_sxtb16_ror8(wv), mcuai_smlad(xlo, mcuai_sxtb16(wv), a0));
      wv = mcuai_load_word(w1 + 4 * i);
      a1 = mcuai_smlad(xhi, mcuai_sxtb16_ror8(wv), mcuai_smlad(xlo, mcuai_sxtb16(wv), a1));
      wv = mcuai_load_word(w2 + 4 * i);
      a2 = mcuai_smlad(xhi, mcuai_sxtb16_ror8(wv), mcuai_smlad(xlo, mcuai_sxtb16(wv), a2));
      wv = mcuai_load_word(w3 + 4 * i);
      a3 = mcuai_smlad(xhi, mcuai_sxtb16_ror8(wv), mcuai_smlad(xlo, mcuai_sxtb16(wv), a3));
    }
    for (i = 4 * words; i < n; ++i) {
      const int32_t xi = window[i];
      a0 += xi * w0[i];
      a1 += xi * w1[i];
      a2 += xi * w2[i];
      a3 += xi * w3[i];
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    for (k = 0; k < 4 && ch + k < out_c; ++k) out[ch + k] = mcuai_rescale_one(r, acc[k], ch + k);
  }
}

/* Every output channel of pixel i of batch b: from the input pixel itself for a 1x1 layer without padding, else
   from its window gathered into window (depth bytes). */
MCUAI_NOINLINE static void channels_of_pixel(const mcuai_conv_s8_params* p, const mcuai_conv_rows* rows, const int8_t* input, int32_t b, int32_t i,
                                             int8_t* out, int8_t* window)
{
  const int32_t oy = i / p->out_w, ox = i % p->out_w;
  if (p->k_h == 1 && p->k_w == 1 && p->pad_top == 0 && p->pad_left == 0) {
    rows->channels1(p, input + (((size_t)b * (size_t)p->in_h + (size_t)(oy * p->stride_h)) * (size_t)p->in_w + (size_t)(ox * p->stride_w)) * (size_t)p->in_c,
                    p->in_c, out);
  } else {
    gather_window(p, input, b, oy, ox, window);
    rows->channels1(p, window, p->depth, out);
  }
}

/* Layers whose windows are at most 12 values (depth <= 12: a 1x1 layer with few input channels, a 3x3
   layer with one): one pixel at a time, its window widened once into registers, and per channel a stream
   (scratch, built once per call) of the bias, the weights widened into the matching halfword pairs and the
   output-stage constants: 2 * SMALL_PAIRS(depth) SMLAD and a few loads per channel, nothing per 4 pixels. */
#define SMALL_DEPTH 12
#define SMALL_STEPS(depth) ((depth) <= 8 ? 2 : 3)
#define SMALL_WORDS(depth) (4 + 2 * SMALL_STEPS(depth))

/* Per channel: bias, per step of 4 weights (w0, w2) and (w1, w3), then multiplier, nudge, shift. */
static void build_small_stream(const mcuai_conv_s8_params* p, const mcuai_conv_rows* rows, mcuai_u32_alias* at)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t steps = SMALL_STEPS(p->depth);
  const int8_t* cursor = p->weights;
  int8_t w[4 * 3] = { 0 };
  int32_t c, q;
  for (c = 0; c < p->out_c; ++c) {
    rows->row(p, c, &cursor, w, p->depth);
    *at++ = (uint32_t)p->bias[c];
    for (q = 0; q < steps; ++q) {
      uint32_t wv = mcuai_load_word(w + 4 * q);
      *at++ = mcuai_sxtb16(wv);
      *at++ = mcuai_sxtb16_ror8(wv);
    }
    *at++ = (uint32_t)r->multiplier[c];
    *at++ = (r->mode & MCUAI_RESCALE_FAST) ? (uint32_t)mcuai_rescale_nudge(r->output_zp, r->shift[c]) : 0u;
    *at++ = (uint32_t)(int32_t)r->shift[c];
  }
}

typedef struct {
  const int8_t* window;          /* 4 * steps bytes (zero beyond depth) */
  const mcuai_u32_alias* stream;
  int8_t* out;
  int8_t* end;                   /* out + out_c */
} small_job;

#if MCUAI_DSP_ASM
/* The fast output stage without clamp; r9 untouched, the other registers saved here. */
#define MCUAI_SMALL_RESCALE(acc, m, n, s)            \
  "smmlar " acc ", " acc ", " m ", " acc "\n\t"     \
  "sub " acc ", " acc ", " acc ", lsr #31\n\t"      \
  "add " acc ", " acc ", " n "\n\t"                 \
  "asr " acc ", " acc ", " s "\n\t"                 \
  "ssat " acc ", #8, " acc ", asr #1\n\t"           \
  "strb " acc ", [r12], #1\n\t"                     \
  "cmp r12, lr\n\t"                                 \
  "bne 1b\n\t"

static void small_channels_asm(small_job* job, int32_t steps)
{
  register small_job* r0 __asm__("r0") = job;
  register int32_t r1 __asm__("r1") = steps;
  __asm__ volatile(
      "push {r4, r5, r6, r7, r8, r10, r11, lr}\n\t"
      "ldr r6, [r0, #0]\n\t"
      "ldr r11, [r0, #4]\n\t"
      "ldr r12, [r0, #8]\n\t"
      "ldr lr, [r0, #12]\n\t"
      "cmp r1, #2\n\t"
      "beq 2f\n\t"
      /* three steps: window pairs in r0-r5 */
      "ldr r1, [r6, #0]\n\t"
      "ldr r3, [r6, #4]\n\t"
      "ldr r5, [r6, #8]\n\t"
      "sxtb16 r0, r1\n\t"
      "sxtb16 r1, r1, ror #8\n\t"
      "sxtb16 r2, r3\n\t"
      "sxtb16 r3, r3, ror #8\n\t"
      "sxtb16 r4, r5\n\t"
      "sxtb16 r5, r5, ror #8\n"
      "1:\n\t"
      "ldmia r11!, {r6, r7, r8, r10}\n\t"
      "smlad r6, r0, r7, r6\n\t"
      "smlad r6, r1, r8, r6\n\t"
      "smlad r6, r2, r10, r6\n\t"
      "ldmia r11!, {r7, r8, r10}\n\t"
      "smlad r6, r3, r7, r6\n\t"
      "smlad r6, r4, r8, r6\n\t"
      "smlad r6, r5, r10, r6\n\t"
      "ldmia r11!, {r7, r8, r10}\n\t"
      MCUAI_SMALL_RESCALE("r6", "r7", "r8", "r10")
      "b 3f\n"
      /* two steps: window pairs in r0-r3 */
      "2:\n\t"
      "ldr r1, [r6, #0]\n\t"
      "ldr r3, [r6, #4]\n\t"
      "sxtb16 r0, r1\n\t"
      "sxtb16 r1, r1, ror #8\n\t"
      "sxtb16 r2, r3\n\t"
      "sxtb16 r3, r3, ror #8\n"
      "1:\n\t"
      "ldmia r11!, {r4, r5, r6, r7, r8}\n\t"
      "smlad r4, r0, r5, r4\n\t"
      "smlad r4, r1, r6, r4\n\t"
      "smlad r4, r2, r7, r4\n\t"
      "smlad r4, r3, r8, r4\n\t"
      "ldmia r11!, {r5, r6, r7}\n\t"
      MCUAI_SMALL_RESCALE("r4", "r5", "r6", "r7")
      "3:\n\t"
      "pop {r4, r5, r6, r7, r8, r10, r11, lr}\n\t"
      : "+r"(r0), "+r"(r1)
      :
      : "r2", "r3", "r12", "cc", "memory");
}
#endif

static void small_channels(const mcuai_conv_s8_params* p, small_job* job)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t steps = SMALL_STEPS(p->depth);
  const mcuai_u32_alias* k = job->stream;
  uint32_t x[6];
  int32_t q;
  int8_t* out;
#if MCUAI_DSP_ASM
  if (r->mode == MCUAI_RESCALE_FAST) {
    small_channels_asm(job, steps);
    return;
  }
#endif
  for (q = 0; q < steps; ++q) {
    uint32_t v = mcuai_load_word(job->window + 4 * q);
    x[2 * q] = mcuai_sxtb16(v);
    x[2 * q + 1] = mcuai_sxtb16_ror8(v);
  }
  for (out = job->out; out != job->end; ++out) {
    int32_t acc = (int32_t)*k++;
    for (q = 0; q < 2 * steps; ++q) acc = mcuai_smlad(x[q], *k++, acc);
    *out = mcuai_rescale_value(r, acc, (int32_t)k[0], (int32_t)k[2], (int32_t)k[1]);
    k += 3;
  }
}

static void conv_small(const mcuai_conv_s8_params* p, const mcuai_conv_rows* rows, const int8_t* input, int8_t* output, void* scratch)
{
  mcuai_u32_alias* stream = (mcuai_u32_alias*)scratch;
  int8_t* window = (int8_t*)(stream + (size_t)p->out_c * (size_t)SMALL_WORDS(p->depth));
  const int32_t bytes = 4 * SMALL_STEPS(p->depth);
  /* A 1x1 layer whose window is the input pixel itself, read in place when it fills the steps exactly. */
  const int in_place = p->k_h == 1 && p->k_w == 1 && p->pad_top == 0 && p->pad_left == 0 && p->depth == bytes && p->in_c == bytes;
  /* Output pixels whose window lies inside the input (dilation 1 across): k_h runs of k_w * in_c bytes,
     copied without the general gather (the zeros after them, written once, stay). */
  const size_t width = (size_t)p->k_w * (size_t)p->in_c, row = (size_t)p->dil_h * (size_t)p->in_w * (size_t)p->in_c;
  const int32_t span_h = (p->k_h - 1) * p->dil_h + 1, span_w = (p->k_w - 1) * p->dil_w + 1;
  int32_t b, oy, ox, ky;
  small_job job;
  build_small_stream(p, rows, stream);
  memset(window, 0, (size_t)bytes);
  job.stream = stream;
  job.out = output;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy) {
      const int32_t iy0 = oy * p->stride_h - p->pad_top;
      const int rows_inside = iy0 >= 0 && iy0 + span_h <= p->in_h;
      for (ox = 0; ox < p->out_w; ++ox) {
        const int32_t ix0 = ox * p->stride_w - p->pad_left;
        const int8_t* src = input + (((ptrdiff_t)b * p->in_h + iy0) * (ptrdiff_t)p->in_w + ix0) * (ptrdiff_t)p->in_c;
        if (in_place) {
          job.window = src;
        } else if (rows_inside && p->dil_w == 1 && ix0 >= 0 && ix0 + span_w <= p->in_w) {
          int8_t* at = window;
          for (ky = 0; ky < p->k_h; ++ky, src += row) at = copy_bytes(at, src, width);
          job.window = window;
        } else {
          gather_window(p, input, b, oy, ox, window);
          job.window = window;
        }
        job.end = job.out + p->out_c;
        small_channels(p, &job);
        job.out = job.end;
      }
    }
}

/* Dense int8 rows: channel c's weights at c * depth. */
static void row_s8(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, int8_t* weights, int32_t bytes)
{
  (void)cursor;
  memcpy(weights, p->weights + (size_t)c * (size_t)p->depth, (size_t)bytes);
}

static const mcuai_conv_rows s_rows_s8 = { channels4, MCUAI_CONV4_FAST(channels4_asm), channels1, row_s8 };
#if MCUAI_DSP_ASM
/* mcuai_conv_s8_fast's: every block of four pixels in assembly, so the C loop (channels4) is not linked. */
static const mcuai_conv_rows s_rows_s8_fast = { channels4_asm, channels4_asm, channels1, row_s8 };
#endif

void mcuai_conv_run(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch,
                    const mcuai_conv_rows* rows)
{
  const int32_t pixels = p->out_h * p->out_w;
  mcuai_u32_alias* consts = (mcuai_u32_alias*)scratch;
  mcuai_u32_alias* cols = consts + 4 * p->out_c;
  /* The window of bytes a four-pixel block gathers when the input channels are not a multiple of 4 follows
     the four-pixel buffer; the one-pixel windows of the last pixels use the buffer itself. */
  int8_t* window = (int8_t*)(cols + 2 * p->depth);
  int32_t b, first, i;
  mcuai_conv_block4 job;
  if (pixels * p->batches < 4) {
    /* One to three pixels (FULLY_CONNECTED): the format's one-pixel loop straight from the params, nothing built
       per call (the window, when there is one to gather, at the start of scratch). */
    for (b = 0; b < p->batches; ++b)
      for (i = 0; i < pixels; ++i) channels_of_pixel(p, rows, input, b, i, output + ((size_t)b * (size_t)pixels + (size_t)i) * (size_t)p->out_c, (int8_t*)scratch);
    return;
  }
  if (p->depth <= SMALL_DEPTH) {
    conv_small(p, rows, input, output, scratch);
    return;
  }
  build_consts(p, consts);
  job.consts = consts;
  job.w = p->weights;
  job.cols = cols;
  job.q = p->depth >> 2;
  job.stride = p->out_c;
  job.extra = NULL;
  for (b = 0; b < p->batches; ++b) {
    int8_t* out = output + (size_t)b * (size_t)pixels * (size_t)p->out_c;
    for (first = 0; first < pixels; first += 4) {
      int32_t n = pixels - first;
      if (n < 4) {
        /* The last 3 pixels of a larger layer: a block that ends at the last pixel (its first one computed
           twice; the output never overlaps the input). The last 1 or 2: one pixel at a time. */
        if (n == 3 && pixels >= 4) {
          first = pixels - 4;
        } else {
          for (i = first; i < pixels; ++i) channels_of_pixel(p, rows, input, b, i, out + (size_t)i * (size_t)p->out_c, (int8_t*)cols);
          break;
        }
      }
      for (i = 0; i < 4; ++i)
        expand_window(p, input, b, (first + i) / p->out_w, (first + i) % p->out_w, cols + i, window);
      job.out = out + (size_t)first * (size_t)p->out_c;
      job.end = job.out + p->out_c;
      if (rows->channels4_fast != NULL && p->rescale.mode == MCUAI_RESCALE_FAST)
        rows->channels4_fast(p, &job);
      else
        rows->channels4(p, &job);
    }
  }
}

void mcuai_conv_s8(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(p, input, output, scratch, &s_rows_s8);
}

#else /* portable path */

/* Dense int8 rows: channel c's weights at c * depth. */
static int32_t dot_s8(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, const int8_t* window, int32_t n)
{
  const int8_t* w = p->weights + (size_t)c * (size_t)p->depth;
  uint32_t acc = 0;
  int32_t i;
  (void)cursor;
  for (i = 0; i < n; ++i) acc += (uint32_t)((int32_t)window[i] * (int32_t)w[i]);
  return (int32_t)acc;
}

static const mcuai_conv_rows s_rows_s8 = { dot_s8 };

void mcuai_conv_run(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch,
                    const mcuai_conv_rows* rows)
{
  /* A 1x1 layer without padding reads the input pixel in place (FULLY_CONNECTED rows need no scratch). */
  const int in_place = p->k_h == 1 && p->k_w == 1 && p->pad_top == 0 && p->pad_left == 0;
  const int32_t n = in_place ? p->in_c : p->depth;
  int32_t b, oy, ox, c;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        const int8_t* cursor = p->weights;
        const int8_t* window = (const int8_t*)scratch;
        if (in_place)
          window = input + (((size_t)b * (size_t)p->in_h + (size_t)(oy * p->stride_h)) * (size_t)p->in_w + (size_t)(ox * p->stride_w)) * (size_t)p->in_c;
        else
          gather_window(p, input, b, oy, ox, (int8_t*)scratch);
        for (c = 0; c < p->out_c; ++c) {
          uint32_t acc = (uint32_t)p->bias[c] + (uint32_t)rows->dot(p, c, &cursor, window, n);
          *output++ = mcuai_rescale_one(&p->rescale, (int32_t)acc, c);
        }
      }
}

void mcuai_conv_s8(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(p, input, output, scratch, &s_rows_s8);
}

#endif

#if !MCUAI_DSP_ASM
#define s_rows_s8_fast s_rows_s8 /* no assembly loop: the C loops serve both entries */
#endif

void mcuai_conv_s8_fast(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(p, input, output, scratch, &s_rows_s8_fast);
}
