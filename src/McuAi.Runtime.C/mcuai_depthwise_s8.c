/* McuAi.Build C runtime: DEPTHWISE_CONV_2D int8. See mcuai_depthwise_s8.h. */
#include "mcuai_depthwise_s8.h"
#include "mcuai_rescale_s8.h" /* mcuai_rescale_exact_clamped: McuAi.Build copies mcuai_rescale_s8.c with this file */

/* Channel c's output stage from the params: mcuai_rescale_one, and MCUAI_RESCALE_LEFT's left-shifted channels (the
   activation range lies within int8, so its clamp is also the saturation). */
MCUAI_INLINE int8_t depthwise_rescale(const mcuai_rescale_s8* r, int32_t acc, int32_t c)
{
  if ((r->mode & MCUAI_RESCALE_LEFT) && r->shift[c] < 0)
    return (int8_t)mcuai_clamp_i32(mcuai_rescale_left_wide(acc, r->multiplier[c], r->shift[c], r->output_zp), r->act_min, r->act_max);
  return mcuai_rescale_one(r, acc, c);
}

/* Every output pixel computed one channel at a time: any multiplier, channel count and window. */
MCUAI_NOINLINE static void depthwise_plain(const mcuai_depthwise_s8_params* p, const int8_t* input, int8_t* output)
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
          *output++ = depthwise_rescale(&p->rescale, (int32_t)acc, c);
        }
}

#if MCUAI_HAVE_DSP

/* Words of the stream per group of 4 channels: 4 biases, 2 per tap, 3 per channel. */
#define STREAM_WORDS(taps) (16 + 2 * (taps))

/* Builds the stream below `top` and returns top. It is read downwards (LDMDB), group 0 first; per group,
   in reading order: the biases of channels 0..3; per tap the weights as halfword pairs (c0, c2) and (c1, c3),
   matching SXTB16 of an input word; per channel multiplier, nudge and shift. Within one read the lowest
   address holds the first value. */
static mcuai_u32_alias* build_stream(const mcuai_depthwise_s8_params* p, int32_t taps, mcuai_u32_alias* base)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const int32_t groups = p->out_c / 4;
  mcuai_u32_alias* const top = base + (size_t)groups * (size_t)STREAM_WORDS(taps);
  mcuai_u32_alias* at = top;
  int32_t g, t, i;
  for (g = 0; g < groups; ++g) {
    const int32_t c = 4 * g;
    at -= 4;
    for (i = 0; i < 4; ++i) at[i] = (uint32_t)p->bias[c + i];
    for (t = 0; t < taps; ++t) {
      uint32_t w = mcuai_load_word(p->weights + (size_t)t * (size_t)p->out_c + (size_t)c);
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

/* Where the taps of one output pixel are: offsets in bytes from the pixel's window origin (the input pixel of
   tap (0, 0), or where it would be), one per tap, then the channel count. A tap outside the input points into
   the zero-point row instead; that offset is computed on addresses, as the assembly uses it. */
typedef ptrdiff_t tap_offset;

MCUAI_INLINE const int8_t* tap_address(const int8_t* origin, tap_offset offset)
{
  return (const int8_t*)((uintptr_t)origin + (uintptr_t)offset);
}

/* Every group of 4 channels of one output pixel; the stream read down from ws. */
static void pixel_groups(const mcuai_depthwise_s8_params* p, const tap_offset* offset, int32_t taps, const int8_t* origin,
                         const mcuai_u32_alias* ws, int8_t* out)
{
  const mcuai_rescale_s8* r = &p->rescale;
  int32_t g4, t, i;
  for (g4 = 0; g4 < p->out_c; g4 += 4) {
    int32_t acc[4];
    ws -= 4;
    acc[0] = (int32_t)ws[0];
    acc[1] = (int32_t)ws[1];
    acc[2] = (int32_t)ws[2];
    acc[3] = (int32_t)ws[3];
    for (t = 0; t < taps; ++t) {
      uint32_t x = mcuai_load_word(tap_address(origin + g4, offset[t])), e = mcuai_sxtb16(x), f = mcuai_sxtb16_ror8(x);
      ws -= 2;
      acc[0] = mcuai_smlabb(e, ws[0], acc[0]);
      acc[2] = mcuai_smlatt(e, ws[0], acc[2]);
      acc[1] = mcuai_smlabb(f, ws[1], acc[1]);
      acc[3] = mcuai_smlatt(f, ws[1], acc[3]);
    }
    for (i = 0; i < 4; ++i) {
      ws -= 3;
      out[g4 + i] = mcuai_rescale_value(r, acc[i], (int32_t)ws[0], (int32_t)ws[2], (int32_t)ws[1]);
    }
  }
}

#if MCUAI_DSP_ASM
/* pixel_groups for a 3x3 window and the fast output stage without clamp. One tap is 9 instructions for 4
   multiply-accumulates (its offset, its input word, two SXTB16, the weights, SMLABB/SMLATT), a channel's
   output stage 6. Registers: r0 offsets, r1 window origin (+4 per group), r2 stream, r3 output, r7 groups
   left, r8 r10 r11 lr accumulators, r4 r5 weights, r6 r12 input; r4-r8, r10, r11 and lr are saved here, r9
   is never used (the platform register), so any frame-pointer or PIC setting compiles. */
#define MCUAI_DW_TAP(offset)                     \
  "ldr r6, [r0, #" offset "]\n\t"                \
  "ldr r6, [r1, r6]\n\t"                         \
  "sxtb16 r12, r6, ror #8\n\t"                   \
  "sxtb16 r6, r6\n\t"                            \
  "ldmdb r2!, {r4, r5}\n\t"                      \
  "smlabb r8, r6, r4, r8\n\t"                    \
  "smlatt r11, r6, r4, r11\n\t"                  \
  "smlabb r10, r12, r5, r10\n\t"                 \
  "smlatt lr, r12, r5, lr\n\t"
#define MCUAI_DW_RESCALE(acc)                    \
  "ldmdb r2!, {r4, r5, r6}\n\t"                  \
  "smmlar " acc ", " acc ", r4, " acc "\n\t"      \
  "sub " acc ", " acc ", " acc ", lsr #31\n\t"    \
  "add " acc ", " acc ", r5\n\t"                  \
  "asr " acc ", " acc ", r6\n\t"                  \
  "ssat " acc ", #8, " acc ", asr #1\n\t"         \
  "strb " acc ", [r3], #1\n\t"
/* The output stage of a MCUAI_RESCALE_LEFT layer, for every channel: a left-shifted channel's sum is already acc << L
   (shift_stream_left), so TFLite's result is h = SMMLAR(acc << L, m2, acc << L) plus the zero point (its nudge) with
   no sign correction and no shift (its shift word 0); a right-shifted channel (shift word r | bit 31) gets the fast
   form's sign correction, nudge (1 + 2 * zp) << (r - 1) and shift r. The AND keeps the correction where bit 31 is
   set; ASR reads only the shift word's low byte. One instruction more per channel than MCUAI_DW_RESCALE. */
#define MCUAI_DW_RESCALE_MASKED(acc)             \
  "ldmdb r2!, {r4, r5, r6}\n\t"                  \
  "smmlar " acc ", " acc ", r4, " acc "\n\t"      \
  "and r12, r6, " acc "\n\t"                     \
  "sub " acc ", " acc ", r12, lsr #31\n\t"        \
  "add " acc ", " acc ", r5\n\t"                  \
  "asr " acc ", " acc ", r6\n\t"                  \
  "ssat " acc ", #8, " acc "\n\t"                 \
  "strb " acc ", [r3], #1\n\t"

/* The 3x3 loop over every group of a pixel, with the output stage RESCALE (one of the two above). */
#define MCUAI_DW_PIXEL_GROUPS_3X3(name, RESCALE)                                                                  \
  static void name(const tap_offset* offset, const int8_t* origin, const mcuai_u32_alias* ws, int8_t* out)        \
  {                                                                                                               \
    register const tap_offset* r0 __asm__("r0") = offset;                                                         \
    register const int8_t* r1 __asm__("r1") = origin;                                                             \
    register const mcuai_u32_alias* r2 __asm__("r2") = ws;                                                        \
    register int8_t* r3 __asm__("r3") = out;                                                                      \
    __asm__ volatile(                                                                                             \
        "push {r4, r5, r6, r7, r8, r10, r11, lr}\n\t"                                                             \
        "ldr r7, [r0, #36]\n" /* channels: groups left * 4 */                                                     \
        "1:\n\t"                                                                                                  \
        "ldmdb r2!, {r8, r10, r11, lr}\n\t"                                                                       \
        MCUAI_DW_TAP("0") MCUAI_DW_TAP("4") MCUAI_DW_TAP("8") MCUAI_DW_TAP("12") MCUAI_DW_TAP("16")               \
        MCUAI_DW_TAP("20") MCUAI_DW_TAP("24") MCUAI_DW_TAP("28") MCUAI_DW_TAP("32")                               \
        RESCALE("r8") RESCALE("r10") RESCALE("r11") RESCALE("lr")                                                 \
        "add r1, r1, #4\n\t"                                                                                      \
        "subs r7, r7, #4\n\t"                                                                                     \
        "bne 1b\n\t"                                                                                              \
        "pop {r4, r5, r6, r7, r8, r10, r11, lr}\n\t"                                                              \
        : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)                                                                  \
        :                                                                                                         \
        : "r12", "cc", "memory");                                                                                 \
  }

/* pixel_groups for a 3x3 window and the fast output stage without clamp; _masked with MCUAI_RESCALE_LEFT. */
MCUAI_DW_PIXEL_GROUPS_3X3(pixel_groups_3x3_fast, MCUAI_DW_RESCALE)
MCUAI_DW_PIXEL_GROUPS_3X3(pixel_groups_3x3_masked, MCUAI_DW_RESCALE_MASKED)

/* MCUAI_RESCALE_LEFT: the stream of build_stream rewritten for MCUAI_DW_RESCALE_MASKED. A left-shifted channel's bias and
   weights are shifted by its L (the build proves that no sum wraps and that the weights still fit halfwords), its
   nudge becomes the output zero point and its shift word 0; the other channels get bit 31 set in theirs. */
static void shift_stream_left(const mcuai_depthwise_s8_params* p, int32_t taps, mcuai_u32_alias* top)
{
  const mcuai_rescale_s8* r = &p->rescale;
  mcuai_u32_alias* at = top;
  int32_t c, t, i;
  for (c = 0; c < p->out_c; c += 4) {
    int32_t left[4];
    for (i = 0; i < 4; ++i) left[i] = r->shift[c + i] < 0 ? -r->shift[c + i] - 1 : 0;
    at -= 4;
    for (i = 0; i < 4; ++i) at[i] <<= left[i];
    for (t = 0; t < taps; ++t) {
      at -= 2;
      /* Word 0 holds channels 0 and 2 in its halfwords, word 1 channels 1 and 3. */
      for (i = 0; i < 2; ++i) {
        const int32_t lo = (int16_t)(at[i] & 0xFFFFu), hi = (int16_t)(at[i] >> 16);
        at[i] = (((uint32_t)lo << left[i]) & 0xFFFFu) | ((uint32_t)hi << left[i + 2] << 16);
      }
    }
    for (i = 0; i < 4; ++i) {
      const int32_t shift = r->shift[c + i];
      at -= 3;
      if (shift < 0) {
        at[1] = (uint32_t)r->output_zp;
        at[2] = 0u;
      } else {
        at[2] = 0x80000000u | (uint32_t)(shift + 1);
      }
    }
  }
}

/* What a MCUAI_RESCALE_LEFT layer needs: only mcuai_depthwise_s8 passes it (for a 3x3 layer without clamp; the others
   take the plain loop), so that a model whose layers all take mcuai_depthwise_s8_dsp (McuAi.Build never calls that
   entry for such a layer) links none of it. */
typedef void (*groups_3x3_loop)(const tap_offset* offset, const int8_t* origin, const mcuai_u32_alias* ws, int8_t* out);
typedef struct {
  void (*shift_stream)(const mcuai_depthwise_s8_params* p, int32_t taps, mcuai_u32_alias* top);
  groups_3x3_loop groups_3x3;
} left_shift_support;

static const left_shift_support left_support = {shift_stream_left, pixel_groups_3x3_masked};
#else
typedef void left_shift_support;
#endif

MCUAI_NOINLINE static void depthwise_dsp(const mcuai_depthwise_s8_params* p, const int8_t* input, int8_t* output, void* scratch,
                                         const left_shift_support* left)
{
  const int32_t taps = p->k_h * p->k_w;
  const size_t pixel = (size_t)p->in_c;
  mcuai_u32_alias* const top = build_stream(p, taps, (mcuai_u32_alias*)scratch);
  int8_t* zp_row = (int8_t*)scratch + (size_t)(p->out_c / 4) * (size_t)STREAM_WORDS(taps) * 4u;
  /* inside: the offsets of a window inside the input; border: rebuilt per pixel on the border. */
  tap_offset inside[MCUAI_DEPTHWISE_MAX_TAPS + 1], border[MCUAI_DEPTHWISE_MAX_TAPS + 1];
  int32_t b, oy, ox, ky, kx, t;
#if MCUAI_DSP_ASM
  /* The assembly loop of a 3x3 layer, or NULL. Only mcuai_depthwise_s8 sends a MCUAI_RESCALE_LEFT layer here, with
     left, and only a 3x3 one without clamp. */
  groups_3x3_loop groups3x3 = taps == 9 && p->rescale.mode == MCUAI_RESCALE_FAST ? pixel_groups_3x3_fast : NULL;
  if (left != NULL) {
    left->shift_stream(p, taps, top);
    groups3x3 = left->groups_3x3;
  }
#else
  (void)left;
#endif
  memset(zp_row, p->input_zp, pixel);
  for (ky = 0, t = 0; ky < p->k_h; ++ky)
    for (kx = 0; kx < p->k_w; ++kx, ++t)
      inside[t] = ((ptrdiff_t)ky * p->dil_h * p->in_w + (ptrdiff_t)kx * p->dil_w) * (ptrdiff_t)pixel;
  inside[taps] = border[taps] = p->out_c;
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy) {
      const int32_t iy0 = oy * p->stride_h - p->pad_top;
      const int rows_inside = iy0 >= 0 && iy0 + (p->k_h - 1) * p->dil_h < p->in_h;
      for (ox = 0; ox < p->out_w; ++ox, output += p->out_c) {
        const int32_t ix0 = ox * p->stride_w - p->pad_left;
        const int8_t* origin = tap_address(input, (((ptrdiff_t)b * p->in_h + iy0) * (ptrdiff_t)p->in_w + ix0) * (ptrdiff_t)pixel);
        const tap_offset* offset = inside;
        if (!rows_inside || ix0 < 0 || ix0 + (p->k_w - 1) * p->dil_w >= p->in_w) {
          for (ky = 0, t = 0; ky < p->k_h; ++ky) {
            int32_t iy = iy0 + ky * p->dil_h;
            for (kx = 0; kx < p->k_w; ++kx, ++t) {
              int32_t ix = ix0 + kx * p->dil_w;
              border[t] = iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w ? inside[t] : (tap_offset)((uintptr_t)zp_row - (uintptr_t)origin);
            }
          }
          offset = border;
        }
#if MCUAI_DSP_ASM
        if (groups3x3 != NULL) {
          groups3x3(offset, origin, top, output);
          continue;
        }
#endif
        pixel_groups(p, offset, taps, origin, top, output);
      }
    }
}

#endif

void mcuai_depthwise_s8(const mcuai_depthwise_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
#if MCUAI_HAVE_DSP
  if (p->depth_mult == 1 && (p->out_c & 3) == 0 && p->k_h * p->k_w <= MCUAI_DEPTHWISE_MAX_TAPS) {
    if (!(p->rescale.mode & MCUAI_RESCALE_LEFT)) {
      depthwise_dsp(p, input, output, scratch, NULL);
      return;
    }
#if MCUAI_DSP_ASM
    /* Left shifts: the assembly loop's output stage (MCUAI_DW_RESCALE_MASKED); any other such layer runs the plain loop. */
    if (p->k_h * p->k_w == 9 && p->rescale.mode == (MCUAI_RESCALE_FAST | MCUAI_RESCALE_LEFT)) {
      depthwise_dsp(p, input, output, scratch, &left_support);
      return;
    }
#endif
  }
#endif
  (void)scratch;
  depthwise_plain(p, input, output);
}

void mcuai_depthwise_s8_dsp(const mcuai_depthwise_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
#if MCUAI_HAVE_DSP
  depthwise_dsp(p, input, output, scratch, NULL);
#else
  (void)scratch;
  depthwise_plain(p, input, output);
#endif
}
