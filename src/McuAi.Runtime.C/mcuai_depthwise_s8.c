/* McuAi.Build C runtime: DEPTHWISE_CONV_2D int8. See mcuai_depthwise_s8.h. */
#include "mcuai_depthwise_s8.h"

/* Every output pixel computed one channel at a time: any multiplier, channel count and window. */
static void depthwise_plain(const mcuai_depthwise_s8_params* p, const int8_t* input, int8_t* output)
{
  int32_t b, oy, ox, c, ky, kx;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox)
        for (c = 0; c < p->out_c; ++c) {
          uint32_t acc = (uint32_t)p->bias[c];
          const int8_t* w = p->weights + c;
          for (ky = 0; ky < p->k_h; ++ky) {
            int32_t iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;
            for (kx = 0; kx < p->k_w; ++kx, w += p->out_c) {
              int32_t ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
              int32_t x = p->input_zp;
              if (iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w)
                x = input[(((size_t)b * (size_t)p->in_h + (size_t)iy) * (size_t)p->in_w + (size_t)ix) * (size_t)p->in_c + (size_t)(c / p->depth_mult)];
              acc += (uint32_t)(x * (int32_t)*w);
            }
          }
          *output++ = mcuai_rescale_one(&p->rescale, (int32_t)acc, c);
        }
}

#if MCUAI_HAVE_DSP

typedef uint32_t mcuai_u32_alias MCUAI_MAY_ALIAS;

MCUAI_INLINE uint32_t load_word(const int8_t* bytes)
{
  uint32_t w;
  memcpy(&w, bytes, 4);
  return w;
}

/* Words of the stream per group of 4 channels: 4 biases, 2 per tap, 3 per channel. */
#define STREAM_WORDS(taps) (16 + 2 * (taps))

/* Builds the stream below `top` and returns top. It is read downwards (LDMDB), the last group first;
   per group, in reading order: the biases of channels 0..3; per tap the weights as halfword pairs
   (c0, c2) and (c1, c3), matching SXTB16 of an input word; per channel multiplier, nudge and shift.
   Within one read the lowest address holds the first value. */
static mcuai_u32_alias* build_stream(const mcuai_depthwise_s8_params* p, int32_t taps, mcuai_u32_alias* base)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t groups = p->out_c / 4;
  mcuai_u32_alias* const top = base + (size_t)groups * (size_t)STREAM_WORDS(taps);
  mcuai_u32_alias* at = top;
  int32_t g, t, i;
  for (g = groups - 1; g >= 0; --g) {
    const int32_t c = 4 * g;
    at -= 4;
    for (i = 0; i < 4; ++i) at[i] = (uint32_t)p->bias[c + i];
    for (t = 0; t < taps; ++t) {
      uint32_t w = load_word(p->weights + (size_t)t * (size_t)p->out_c + (size_t)c);
      at -= 2;
      at[0] = mcuai_sxtb16(w);
      at[1] = mcuai_sxtb16_ror8(w);
    }
    for (i = 0; i < 4; ++i) {
      int32_t shift = r->shift[c + i];
      at -= 3;
      at[0] = (uint32_t)r->multiplier[c + i];
      at[1] = (r->mode & MCUAI_RESCALE_FAST) ? (uint32_t)mcuai_rescale_nudge(r->output_zp, shift) : 0u;
      at[2] = (uint32_t)shift;
    }
  }
  return top;
}

/* Every group of 4 channels of one output pixel, whose taps start at tap[t]; the stream read down from ws. */
static void pixel_groups(const mcuai_depthwise_s8_params* p, const int8_t* const* tap, int32_t taps, const mcuai_u32_alias* ws, int8_t* out)
{
  const mcuai_rescale_s8* r = &p->rescale;
  int32_t g4, t, i;
  for (g4 = p->out_c - 4; g4 >= 0; g4 -= 4) {
    int32_t acc[4];
    ws -= 4;
    acc[0] = (int32_t)ws[0];
    acc[1] = (int32_t)ws[1];
    acc[2] = (int32_t)ws[2];
    acc[3] = (int32_t)ws[3];
    for (t = 0; t < taps; ++t) {
      uint32_t x = load_word(tap[t] + g4), e = mcuai_sxtb16(x), f = mcuai_sxtb16_ror8(x);
      ws -= 2;
      acc[0] = mcuai_smlabb(e, ws[0], acc[0]);
      acc[2] = mcuai_smlatt(e, ws[0], acc[2]);
      acc[1] = mcuai_smlabb(f, ws[1], acc[1]);
      acc[3] = mcuai_smlatt(f, ws[1], acc[3]);
    }
    for (i = 0; i < 4; ++i) {
      int32_t v;
      ws -= 3;
      v = (r->mode & MCUAI_RESCALE_FAST) ? mcuai_rescale_fast(acc[i], (int32_t)ws[0], (int32_t)ws[2], (int32_t)ws[1])
                                         : mcuai_rescale_exact(acc[i], (int32_t)ws[0], (int32_t)ws[2], r->output_zp);
      out[g4 + i] = (int8_t)mcuai_clamp_i32(v, r->act_min, r->act_max);
    }
  }
}

#if MCUAI_DSP_ASM
/* pixel_groups for a 3x3 window and the fast output stage without clamp: one tap is 9 instructions for
   4 multiply-accumulates, a channel's output stage 6; fixed registers so that LDMDB fills them in order
   (accumulators r8, r10, r11, lr; weights r4, r5; input r6, r12). */
#define MCUAI_DW_TAP(offset)                     \
  "ldr r6, [%[tab], #" offset "]\n\t"            \
  "ldr r6, [r6, %[g4]]\n\t"                      \
  "sxtb16 r12, r6, ror #8\n\t"                   \
  "sxtb16 r6, r6\n\t"                            \
  "ldmdb %[ws]!, {r4, r5}\n\t"                   \
  "smlabb r8, r6, r4, r8\n\t"                    \
  "smlatt r11, r6, r4, r11\n\t"                  \
  "smlabb r10, r12, r5, r10\n\t"                 \
  "smlatt lr, r12, r5, lr\n\t"
#define MCUAI_DW_RESCALE(acc)                    \
  "ldmdb %[ws]!, {r4, r5, r6}\n\t"               \
  "smmlar " acc ", " acc ", r4, " acc "\n\t"      \
  "sub " acc ", " acc ", " acc ", lsr #31\n\t"    \
  "add " acc ", " acc ", r5\n\t"                  \
  "asr " acc ", " acc ", r6\n\t"                  \
  "ssat " acc ", #8, " acc ", asr #1\n\t"

static void pixel_groups_3x3_fast(const int8_t* const* tap, int32_t channels, const mcuai_u32_alias* ws, int8_t* out)
{
  int32_t g4 = channels - 4;
  __asm__ volatile(
      "1:\n\t"
      "ldmdb %[ws]!, {r8, r10, r11, lr}\n\t"
      MCUAI_DW_TAP("0") MCUAI_DW_TAP("4") MCUAI_DW_TAP("8") MCUAI_DW_TAP("12") MCUAI_DW_TAP("16")
      MCUAI_DW_TAP("20") MCUAI_DW_TAP("24") MCUAI_DW_TAP("28") MCUAI_DW_TAP("32")
      MCUAI_DW_RESCALE("r8") MCUAI_DW_RESCALE("r10") MCUAI_DW_RESCALE("r11") MCUAI_DW_RESCALE("lr")
      "add r4, %[o], %[g4]\n\t"
      "strb r8, [r4]\n\t"
      "strb r10, [r4, #1]\n\t"
      "strb r11, [r4, #2]\n\t"
      "strb lr, [r4, #3]\n\t"
      "subs %[g4], %[g4], #4\n\t"
      "bpl 1b\n\t"
      : [ws] "+r"(ws), [g4] "+r"(g4)
      : [tab] "r"(tap), [o] "r"(out)
      : "r4", "r5", "r6", "r8", "r10", "r11", "r12", "lr", "cc", "memory");
}
#endif

static void depthwise_dsp(const mcuai_depthwise_s8_params* p, const int8_t* input, int8_t* output, void* scratch)
{
  const int32_t taps = p->k_h * p->k_w;
  const size_t pixel = (size_t)p->in_c;
  const mcuai_u32_alias* top = build_stream(p, taps, (mcuai_u32_alias*)scratch);
  int8_t* zp_row = (int8_t*)scratch + (size_t)(p->out_c / 4) * (size_t)STREAM_WORDS(taps) * 4u;
  const int8_t* tap[MCUAI_DEPTHWISE_MAX_TAPS];
  ptrdiff_t offset[MCUAI_DEPTHWISE_MAX_TAPS];
  int32_t b, oy, ox, ky, kx, t;
#if MCUAI_DSP_ASM
  const int fast3x3 = taps == 9 && p->rescale.mode == MCUAI_RESCALE_FAST;
#endif
  memset(zp_row, p->input_zp, pixel);
  for (ky = 0, t = 0; ky < p->k_h; ++ky)
    for (kx = 0; kx < p->k_w; ++kx, ++t)
      offset[t] = ((ptrdiff_t)ky * p->dil_h * p->in_w + (ptrdiff_t)kx * p->dil_w) * (ptrdiff_t)pixel;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy) {
      const int32_t iy0 = oy * p->stride_h - p->pad_top;
      const int rows_inside = iy0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h;
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        const int32_t ix0 = ox * p->stride_w - p->pad_left;
        if (rows_inside && ix0 >= 0 && ix0 + (p->k_w - 1) * p->dil_w < p->in_w) {
          const int8_t* origin = input + (((size_t)b * (size_t)p->in_h + (size_t)iy0) * (size_t)p->in_w + (size_t)ix0) * pixel;
          for (t = 0; t < taps; ++t) tap[t] = origin + offset[t];
        } else {
          for (ky = 0, t = 0; ky < p->k_h; ++ky) {
            int32_t iy = iy0 + ky * p->dil_h;
            for (kx = 0; kx < p->k_w; ++kx, ++t) {
              int32_t ix = ix0 + kx * p->dil_w;
              tap[t] = iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w
                  ? input + (((size_t)b * (size_t)p->in_h + (size_t)iy) * (size_t)p->in_w + (size_t)ix) * pixel
                  : zp_row;
            }
          }
        }
#if MCUAI_DSP_ASM
        if (fast3x3) {
          pixel_groups_3x3_fast(tap, p->out_c, top, output);
          continue;
        }
#endif
        pixel_groups(p, tap, taps, top, output);
      }
    }
}

#endif

void mcuai_depthwise_s8(const mcuai_depthwise_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
#if MCUAI_HAVE_DSP
  if (p->depth_mult == 1 && (p->out_c & 3) == 0 && p->k_h * p->k_w <= MCUAI_DEPTHWISE_MAX_TAPS) {
    depthwise_dsp(p, input, output, scratch);
    return;
  }
#endif
  (void)scratch;
  depthwise_plain(p, input, output);
}
