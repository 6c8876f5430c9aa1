/* McuAi.Build C runtime: CONV_2D int8. See mcuai_conv_s8.h. */
#include "mcuai_conv_s8.h"

/* The input row of window tap (ky, kx) of output pixel (b, oy, ox), or NULL where it is padding. */
static const int8_t* tap_source(const mcuai_conv_s8_params* p, const int8_t* input, int32_t b, int32_t oy, int32_t ox, int32_t ky, int32_t kx)
{
  int32_t iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;
  int32_t ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
  if (iy < 0 || iy >= p->in_h || ix < 0 || ix >= p->in_w) return NULL;
  return input + (((size_t)b * (size_t)p->in_h + (size_t)iy) * (size_t)p->in_w + (size_t)ix) * (size_t)p->in_c;
}

/* The window of one output pixel as bytes (zero point where it leaves the input), zero up to depth. */
static void gather_window(const mcuai_conv_s8_params* p, const int8_t* input, int32_t b, int32_t oy, int32_t ox, int8_t* window)
{
  int32_t ky, kx, i, n = 0;
  for (ky = 0; ky < p->k_h; ++ky)
    for (kx = 0; kx < p->k_w; ++kx) {
      const int8_t* src = tap_source(p, input, b, oy, ox, ky, kx);
      if (src)
        for (i = 0; i < p->in_c; ++i) window[n++] = src[i];
      else
        for (i = 0; i < p->in_c; ++i) window[n++] = (int8_t)p->input_zp;
    }
  for (; n < p->depth; ++n) window[n] = 0;
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
    uint32_t zp_pair = ((uint32_t)p->input_zp & 0xFFFFu) * 0x00010001u;
    int32_t ky, kx;
    for (ky = 0; ky < p->k_h; ++ky)
      for (kx = 0; kx < p->k_w; ++kx) {
        const int8_t* src = tap_source(p, input, b, oy, ox, ky, kx);
        cols = src ? expand_bytes(cols, src, p->in_c) : expand_constant(cols, zp_pair, p->in_c);
      }
  } else {
    gather_window(p, input, b, oy, ox, window);
    expand_bytes(cols, window, p->depth);
  }
}

/* Four accumulators += the interleaved windows (q words of 4 values) . one channel's weights. */
#if MCUAI_DSP_ASM
#define MCUAI_CONV_STEP(lo_or_hi)                          \
  "ldmia %[cols]!, {r4, r5, r6, r8}\n\t"                  \
  "sxtb16 %[t], %[wv]" lo_or_hi "\n\t"                    \
  "smlad %[a0], r4, %[t], %[a0]\n\t"                      \
  "smlad %[a1], r5, %[t], %[a1]\n\t"                      \
  "smlad %[a2], r6, %[t], %[a2]\n\t"                      \
  "smlad %[a3], r8, %[t], %[a3]\n\t"
#define MCUAI_CONV_WORD \
  "ldr %[wv], [%[w]], #4\n\t" MCUAI_CONV_STEP("") MCUAI_CONV_STEP(", ror #8")
#endif

static void dot4(const int8_t* w, const mcuai_u32_alias* cols, int32_t q, int32_t acc[4])
{
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
#if MCUAI_DSP_ASM
  uint32_t wv, t;
  __asm__ volatile(
      "lsrs %[q], %[q], #1\n\t"
      "bcc 2f\n\t"
      MCUAI_CONV_WORD
      "2:\n\t"
      "cmp %[q], #0\n\t"
      "beq 3f\n"
      "1:\n\t"
      MCUAI_CONV_WORD
      MCUAI_CONV_WORD
      "subs %[q], %[q], #1\n\t"
      "bne 1b\n"
      "3:\n\t"
      : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [w] "+r"(w), [cols] "+r"(cols), [q] "+r"(q),
        [wv] "=&r"(wv), [t] "=&r"(t)
      :
      : "r4", "r5", "r6", "r8", "cc", "memory");
#else
  for (; q > 0; --q, w += 4, cols += 8) {
    uint32_t wv = load_word(w);
    uint32_t lo = mcuai_sxtb16(wv), hi = mcuai_sxtb16_ror8(wv);
    a0 = mcuai_smlad(cols[0], lo, a0);
    a1 = mcuai_smlad(cols[1], lo, a1);
    a2 = mcuai_smlad(cols[2], lo, a2);
    a3 = mcuai_smlad(cols[3], lo, a3);
    a0 = mcuai_smlad(cols[4], hi, a0);
    a1 = mcuai_smlad(cols[5], hi, a1);
    a2 = mcuai_smlad(cols[6], hi, a2);
    a3 = mcuai_smlad(cols[7], hi, a3);
  }
#endif
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

/* Every output channel of the n (1..4) pixels whose windows are in cols; output pixel i at out + i * out_c. */
static void channels4(const mcuai_conv_s8_params* p, const mcuai_u32_alias* cols, int8_t* out, int32_t n)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int8_t* w = p->weights;
  int32_t q = p->depth >> 2, stride = p->out_c, c, i;
  int32_t acc[4];
  for (c = 0; c < p->out_c; ++c, w += p->depth) {
    acc[0] = acc[1] = acc[2] = acc[3] = p->bias[c];
    dot4(w, cols, q, acc);
    if (r->mode == MCUAI_RESCALE_FAST) {
      int32_t m2 = r->multiplier[c], s = r->shift[c], nudge = mcuai_rescale_nudge(r->output_zp, s);
      for (i = 0; i < n; ++i) out[c + i * stride] = (int8_t)mcuai_rescale_fast(acc[i], m2, s, nudge);
    } else {
      for (i = 0; i < n; ++i) out[c + i * stride] = mcuai_rescale_one(r, acc[i], c);
    }
  }
}

void mcuai_conv_s8(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_u32_alias* cols = (mcuai_u32_alias*)scratch;
  int8_t* window = (int8_t*)scratch + 8 * p->depth;
  int32_t pixels = p->out_h * p->out_w, b, first, i;
  for (b = 0; b < p->batches; ++b)
    for (first = 0; first < pixels; first += 4) {
      int32_t n = pixels - first < 4 ? pixels - first : 4;
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
