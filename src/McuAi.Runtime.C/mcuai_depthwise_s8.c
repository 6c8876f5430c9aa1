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

/* Halfword pairs of taps t and u of channels c0..c3 from their words (bytes = channels):
   out[0] = (c0@t, c0@u), out[1] = (c2@t, c2@u), out[2] = (c1@t, c1@u), out[3] = (c3@t, c3@u). */
MCUAI_INLINE void tap_pairs(uint32_t at_t, uint32_t at_u, uint32_t out[4])
{
  uint32_t et = mcuai_sxtb16(at_t), eu = mcuai_sxtb16(at_u);
  uint32_t ft = mcuai_sxtb16_ror8(at_t), fu = mcuai_sxtb16_ror8(at_u);
  out[0] = mcuai_pkhbt16(et, eu);
  out[1] = mcuai_pkhtb16(eu, et);
  out[2] = mcuai_pkhbt16(ft, fu);
  out[3] = mcuai_pkhtb16(fu, ft);
}

/* The weights of every group of 4 channels as the SMLAD operands of the pixel loop: per tap pair the
   4 words of tap_pairs, then for an odd last tap 2 words (c0, c2) and (c1, c3). */
static void widen_weights(const mcuai_depthwise_s8_params* p, int32_t taps, mcuai_u32_alias* out)
{
  int32_t g, t;
  for (g = 0; g < p->out_c; g += 4) {
    const int8_t* w = p->weights + g;
    for (t = 0; t + 1 < taps; t += 2, out += 4) {
      uint32_t pairs[4];
      tap_pairs(load_word(w + (size_t)t * (size_t)p->out_c), load_word(w + (size_t)(t + 1) * (size_t)p->out_c), pairs);
      out[0] = pairs[0];
      out[1] = pairs[1];
      out[2] = pairs[2];
      out[3] = pairs[3];
    }
    if (t < taps) {
      uint32_t last = load_word(w + (size_t)t * (size_t)p->out_c);
      out[0] = mcuai_sxtb16(last);
      out[1] = mcuai_sxtb16_ror8(last);
      out += 2;
    }
  }
}

/* Four channels (group offset g) of one output pixel whose taps start at src[t] + g. */
static void pixel_group(const int8_t* const* src, int32_t taps, int32_t g, const mcuai_u32_alias* w, int32_t acc[4])
{
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3], t;
  for (t = 0; t + 1 < taps; t += 2, w += 4) {
    uint32_t x[4];
    tap_pairs(load_word(src[t] + g), load_word(src[t + 1] + g), x);
    a0 = mcuai_smlad(x[0], w[0], a0);
    a2 = mcuai_smlad(x[1], w[1], a2);
    a1 = mcuai_smlad(x[2], w[2], a1);
    a3 = mcuai_smlad(x[3], w[3], a3);
  }
  if (t < taps) {
    uint32_t v = load_word(src[t] + g);
    uint32_t e = mcuai_sxtb16(v), f = mcuai_sxtb16_ror8(v);
    a0 = mcuai_smlabb(e, w[0], a0);
    a2 = mcuai_smlatt(e, w[0], a2);
    a1 = mcuai_smlabb(f, w[1], a1);
    a3 = mcuai_smlatt(f, w[1], a3);
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}

static void depthwise_dsp(const mcuai_depthwise_s8_params* p, const int8_t* input, int8_t* output, void* scratch)
{
  const int32_t taps = p->k_h * p->k_w;
  const int32_t group_words = 4 * (taps / 2) + 2 * (taps % 2);
  const mcuai_rescale_s8* r = &p->rescale;
  mcuai_u32_alias* weights = (mcuai_u32_alias*)scratch;
  int8_t* zp_row = (int8_t*)scratch + (size_t)p->out_c * (size_t)group_words;
  const int8_t* src[MCUAI_DEPTHWISE_MAX_TAPS];
  int32_t b, oy, ox, ky, kx, g, i;
  widen_weights(p, taps, weights);
  memset(zp_row, p->input_zp, (size_t)p->out_c);
  for (b = 0; b < p->batches; ++b)
    for (oy = 0; oy < p->out_h; ++oy)
      for (ox = 0; ox < p->out_w; ++ox) {
        const mcuai_u32_alias* w = weights;
        int32_t t = 0;
        for (ky = 0; ky < p->k_h; ++ky) {
          int32_t iy = oy * p->stride_h - p->pad_top + ky * p->dil_h;
          for (kx = 0; kx < p->k_w; ++kx, ++t) {
            int32_t ix = ox * p->stride_w - p->pad_left + kx * p->dil_w;
            src[t] = iy >= 0 && iy < p->in_h && ix >= 0 && ix < p->in_w
                ? input + (((size_t)b * (size_t)p->in_h + (size_t)iy) * (size_t)p->in_w + (size_t)ix) * (size_t)p->in_c
                : zp_row;
          }
        }
        for (g = 0; g < p->out_c; g += 4, w += group_words, output += 4) {
          int32_t acc[4];
          acc[0] = p->bias[g];
          acc[1] = p->bias[g + 1];
          acc[2] = p->bias[g + 2];
          acc[3] = p->bias[g + 3];
          pixel_group(src, taps, g, w, acc);
          if (r->mode == MCUAI_RESCALE_FAST)
            for (i = 0; i < 4; ++i) {
              int32_t s = r->shift[g + i];
              output[i] = (int8_t)mcuai_rescale_fast(acc[i], r->multiplier[g + i], s, mcuai_rescale_nudge(r->output_zp, s));
            }
          else
            for (i = 0; i < 4; ++i) output[i] = mcuai_rescale_one(r, acc[i], g + i);
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
