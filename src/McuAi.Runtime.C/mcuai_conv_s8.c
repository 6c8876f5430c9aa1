/* McuAi.Build C runtime: CONV_2D int8. See mcuai_conv_s8.h. */
#include "mcuai_conv_s8.h"

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
MCUAI_INLINE int8_t* copy_bytes(int8_t* dst, const int8_t* src, size_t n)
{
  for (; n >= 4; n -= 4, dst += 4, src += 4) memcpy(dst, src, 4);
  while (n--) *dst++ = *src++;
  return dst;
}

MCUAI_INLINE int8_t* fill_bytes(int8_t* dst, int8_t value, size_t n)
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

/* Words of the interleaved window buffer: for every 4 window values (x0..x3) and pixel slot s (0..3),
   word 8q + s holds (x0, x2) and word 8q + 4 + s holds (x1, x3) as halfwords, the pairs SMLAD
   multiplies with a weight word's SXTB16 and SXTB16 ROR #8 halves. */
typedef uint32_t mcuai_u32_alias MCUAI_MAY_ALIAS;

MCUAI_INLINE uint32_t load_word(const int8_t* bytes)
{
  uint32_t w;
  memcpy(&w, bytes, 4);
  return w;
}

/* Sign-extends n bytes (a multiple of 4) into slot `slot` of the window buffer from word `q` on. */
static mcuai_u32_alias* expand_bytes(mcuai_u32_alias* cols, const int8_t* src, int32_t n)
{
  for (; n > 0; n -= 4, src += 4, cols += 8) {
    uint32_t w = load_word(src);
    cols[0] = mcuai_sxtb16(w);
    cols[4] = mcuai_sxtb16_ror8(w);
  }
  return cols;
}

static mcuai_u32_alias* expand_constant(mcuai_u32_alias* cols, uint32_t pair, int32_t n)
{
  for (; n > 0; n -= 4, cols += 8) {
    cols[0] = pair;
    cols[4] = pair;
  }
  return cols;
}

/* Fills slot `slot` of the window buffer with output pixel (b, oy, ox)'s window. */
static void expand_window(const mcuai_conv_s8_params* p, const int8_t* input, int32_t b, int32_t oy, int32_t ox,
                          mcuai_u32_alias* cols, int32_t slot, int8_t* window)
{
  cols += slot;
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
  } else {
    gather_window(p, input, b, oy, ox, window);
    expand_bytes(cols, window, p->depth);
  }
}

/* DOT4(w, cols, q, a0, a1, a2, a3): four accumulators (one channel, four pixels) += the interleaved windows
   (q steps of 4 window values) . the channel's weights; advances w past them. On a DSP core with the
   optimizer on, hand-scheduled: a weight word (two with LDRD) sign-extended in registers, four window
   words a half step with one LDM, 8 SMLAD per 4 weights, 16 weights per loop iteration. */
#if MCUAI_DSP_ASM
#define MCUAI_CONV_HALF(word, ror)                 \
  "ldmia %[cols]!, {r4, r5, r6, r8}\n\t"           \
  "sxtb16 %[t], %[" word "]" ror "\n\t"            \
  "smlad %[a0], r4, %[t], %[a0]\n\t"               \
  "smlad %[a1], r5, %[t], %[a1]\n\t"               \
  "smlad %[a2], r6, %[t], %[a2]\n\t"               \
  "smlad %[a3], r8, %[t], %[a3]\n\t"
#define MCUAI_CONV_WORD(word) MCUAI_CONV_HALF(word, "") MCUAI_CONV_HALF(word, ", ror #8")
#define MCUAI_CONV_PAIR "ldrd %[wa], %[wb], [%[w]], #8\n\t" MCUAI_CONV_WORD("wa") MCUAI_CONV_WORD("wb")
#define DOT4(W, COLS, Q, A0, A1, A2, A3)                                                                     \
  do {                                                                                                    \
    const mcuai_u32_alias* c_ = (COLS);                                                                   \
    int32_t q_ = (Q);                                                                                     \
    uint32_t wa_, wb_, t_;                                                                                \
    __asm__ volatile(                                                                                     \
        "lsrs %[q], %[q], #1\n\t"                                                                         \
        "bcc 1f\n\t"                                                                                      \
        "ldr %[wa], [%[w]], #4\n\t" MCUAI_CONV_WORD("wa")                                                  \
        "1:\n\t"                                                                                          \
        "lsrs %[q], %[q], #1\n\t"                                                                         \
        "bcc 2f\n\t"                                                                                      \
        MCUAI_CONV_PAIR                                                                                    \
        "2:\n\t"                                                                                          \
        "cmp %[q], #0\n\t"                                                                                \
        "beq 4f\n"                                                                                         \
        "3:\n\t"                                                                                          \
        MCUAI_CONV_PAIR MCUAI_CONV_PAIR                                                                    \
        "subs %[q], %[q], #1\n\t"                                                                         \
        "bne 3b\n"                                                                                         \
        "4:\n\t"                                                                                          \
        : [a0] "+r"(A0), [a1] "+r"(A1), [a2] "+r"(A2), [a3] "+r"(A3), [w] "+r"(W), [cols] "+r"(c_), [q] "+r"(q_), \
          [wa] "=&r"(wa_), [wb] "=&r"(wb_), [t] "=&r"(t_)                                                  \
        :                                                                                                 \
        : "r4", "r5", "r6", "r8", "cc", "memory");                                                        \
  } while (0)
#else
#define DOT4(W, COLS, Q, A0, A1, A2, A3)                                 \
  do {                                                                \
    const mcuai_u32_alias* c_ = (COLS);                               \
    int32_t q_;                                                       \
    for (q_ = (Q); q_ > 0; --q_, (W) += 4, c_ += 8) {                 \
      uint32_t wv_ = load_word(W);                                    \
      uint32_t lo_ = mcuai_sxtb16(wv_), hi_ = mcuai_sxtb16_ror8(wv_); \
      A0 = mcuai_smlad(c_[0], lo_, A0);                               \
      A1 = mcuai_smlad(c_[1], lo_, A1);                               \
      A2 = mcuai_smlad(c_[2], lo_, A2);                               \
      A3 = mcuai_smlad(c_[3], lo_, A3);                               \
      A0 = mcuai_smlad(c_[4], hi_, A0);                               \
      A1 = mcuai_smlad(c_[5], hi_, A1);                               \
      A2 = mcuai_smlad(c_[6], hi_, A2);                               \
      A3 = mcuai_smlad(c_[7], hi_, A3);                               \
    }                                                                 \
  } while (0)
#endif

/* Every output channel of four pixels (windows in cols; pixel i's output at out + i * out_c), fast output
   stage without clamp (trained layers: the activation range is int8's) or with it. */
MCUAI_INLINE void channels4_fast(const mcuai_conv_s8_params* p, const mcuai_u32_alias* cols, int8_t* out, int clamp)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int8_t* w = p->weights;
  const int32_t* bias = p->bias;
  const int32_t* mult = r->multiplier;
  const int8_t* shift = r->shift;
  const int32_t q = p->depth >> 2, stride = p->out_c, zp2 = 1 + 2 * r->output_zp, lo = r->act_min, hi = r->act_max;
  int8_t* const end = out + p->out_c;
  do {
    int32_t a0 = *bias++, a1 = a0, a2 = a0, a3 = a0, m2, s, nudge;
    DOT4(w, cols, q, a0, a1, a2, a3);
    m2 = *mult++;
    s = *shift++;
    nudge = (int32_t)((uint32_t)zp2 << s);
    a0 = mcuai_rescale_fast(a0, m2, s, nudge);
    a1 = mcuai_rescale_fast(a1, m2, s, nudge);
    a2 = mcuai_rescale_fast(a2, m2, s, nudge);
    a3 = mcuai_rescale_fast(a3, m2, s, nudge);
    if (clamp) {
      a0 = mcuai_clamp_i32(a0, lo, hi);
      a1 = mcuai_clamp_i32(a1, lo, hi);
      a2 = mcuai_clamp_i32(a2, lo, hi);
      a3 = mcuai_clamp_i32(a3, lo, hi);
    }
    out[0] = (int8_t)a0;
    out[stride] = (int8_t)a1;
    out[2 * stride] = (int8_t)a2;
    out[3 * stride] = (int8_t)a3;
  } while (++out != end);
}

/* Every output channel of the n (1..4) pixels whose windows are in cols, any output stage. */
static void channels4(const mcuai_conv_s8_params* p, const mcuai_u32_alias* cols, int8_t* out, int32_t n)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int8_t* w = p->weights;
  int32_t c, i;
  if (n == 4 && r->mode == MCUAI_RESCALE_FAST) {
    channels4_fast(p, cols, out, 0);
    return;
  }
  if (n == 4 && r->mode == (MCUAI_RESCALE_FAST | MCUAI_RESCALE_CLAMP)) {
    channels4_fast(p, cols, out, 1);
    return;
  }
  for (c = 0; c < p->out_c; ++c) {
    int32_t acc[4];
    acc[0] = acc[1] = acc[2] = acc[3] = p->bias[c];
    DOT4(w, cols, p->depth >> 2, acc[0], acc[1], acc[2], acc[3]);
    for (i = 0; i < n; ++i) out[c + i * p->out_c] = mcuai_rescale_one(r, acc[i], c);
  }
}

void mcuai_conv_s8(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_u32_alias* cols = (mcuai_u32_alias*)scratch;
  int8_t* window = (int8_t*)scratch + 8 * p->depth;
  int32_t pixels = p->out_h * p->out_w, b, first, i;
  for (b = 0; b < p->batches; ++b)
    for (first = 0; first < pixels; first += 4) {
      /* The last block of a layer with 4 pixels or more ends at its last pixel (recomputing a few): the
         output never overlaps the input, and every block then takes the four-pixel path. */
      int32_t n = pixels - first < 4 ? pixels - first : 4;
      if (n < 4 && pixels >= 4) {
        first = pixels - 4;
        n = 4;
      }
      for (i = 0; i < n; ++i) {
        int32_t pixel = first + i;
        expand_window(p, input, b, pixel / p->out_w, pixel % p->out_w, cols, i, window);
      }
      for (; i < 4; ++i) expand_constant(cols + i, 0u, p->depth);
      channels4(p, cols, output + ((size_t)b * (size_t)pixels + (size_t)first) * (size_t)p->out_c, n);
    }
}

#else /* portable path */

void mcuai_conv_s8(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  int8_t* window = (int8_t*)scratch;
  int32_t b, oy, ox, c, i;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        const int8_t* w = p->weights;
        gather_window(p, input, b, oy, ox, window);
        for (c = 0; c < p->out_c; ++c, w += p->depth) {
          int32_t acc = p->bias[c];
          for (i = 0; i < p->depth; ++i) acc += (int32_t)window[i] * (int32_t)w[i];
          *output++ = mcuai_rescale_one(&p->rescale, acc, c);
        }
      }
}

#endif
