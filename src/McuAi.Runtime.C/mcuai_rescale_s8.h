/* McuAi.Build C runtime: the output stage of the int8 weighted kernels (CONV_2D, DEPTHWISE_CONV_2D,
   FULLY_CONNECTED), bit-exact with TFLM: an int32 accumulator that already holds the bias is rescaled
   by its channel's multiplier (TFLite's MultiplyByQuantizedMultiplier, double rounding), offset by the
   output zero point and clamped to the fused activation's range.

   Two forms, chosen per layer at build time (McuAi.Compiler's packing decides, and proves, which):
   - MCUAI_RESCALE_FAST when every channel's shift is negative and no intermediate can overflow:
       h   = SMMLAR(acc, m2, acc)                m2 = 2*multiplier wrapped to int32, so h equals
                                                 floor((acc*multiplier + 2^30) / 2^31), gemmlowp's
                                                 rounding doubling high multiply
       out = ((h - (h < 0) + nudge) >> s) >> 1   s = -shift - 1, nudge = (1 + 2*output_zp) << s:
                                                 the rounding divide by 2^-shift (ties away from zero)
                                                 and the output zero point in one shift
     then saturation to int8: five instructions on a Cortex-M4.
   - MCUAI_RESCALE_EXACT otherwise: TFLite's arithmetic as written (mcuai_mbqm), multiplier and shift as
     TFLite computes them.
   MCUAI_RESCALE_CLAMP is set when the activation range is narrower than int8.
   MCUAI_RESCALE_LEFT, with MCUAI_RESCALE_FAST, only for mcuai_depthwise_s8: some channels have a left shift
   L = shift >= 0, stored as s = -shift - 1 < 0. TFLite then computes the rounding doubling high multiply of
   acc << L and no rounding shift: h = SMMLAR(acc << L, m2, acc << L), out = h + output_zp, exact when acc << L
   cannot wrap (the build proves it; L <= 8). mcuai_depthwise_s8's 3x3 assembly loop takes such layers (its
   stream holds a left-shifted channel's weights and bias already shifted by L, see MCUAI_DW_RESCALE_MASKED);
   its other loops compute the same per value (mcuai_rescale_left_wide). */
#ifndef MCUAI_RESCALE_S8_H_
#define MCUAI_RESCALE_S8_H_

#include "mcuai_dsp.h"

#define MCUAI_RESCALE_EXACT 0
#define MCUAI_RESCALE_FAST 1
#define MCUAI_RESCALE_CLAMP 2
#define MCUAI_RESCALE_LEFT 4

typedef struct {
  const int32_t* multiplier; /* [channels]; FAST: 2 * multiplier (wrapped), EXACT: TFLite's multiplier */
  const int8_t* shift;       /* [channels]; FAST: -shift - 1 (0..30), EXACT: TFLite's shift */
  int32_t output_zp;
  int32_t act_min, act_max;  /* the fused activation's range, within [-128, 127] */
  int32_t mode;              /* MCUAI_RESCALE_FAST or _EXACT, | MCUAI_RESCALE_CLAMP */
} mcuai_rescale_s8;

/* FAST: the nudge of a channel whose stored shift is s. */
MCUAI_INLINE int32_t mcuai_rescale_nudge(int32_t output_zp, int32_t s)
{
  return (int32_t)((uint32_t)(1 + 2 * output_zp) << s);
}

/* gemmlowp's rounding doubling high multiply of x by a Q31 multiplier m in [2^30, 2^31), exactly, given
   m2 = 2 * m wrapped to int32: SMMLAR(x, m2, x) = floor((x * m + 2^30) / 2^31). */
MCUAI_INLINE int32_t mcuai_high_mul(int32_t x, int32_t m2)
{
#if MCUAI_HAVE_DSP
  return mcuai_smmlar(x, m2, x);
#else
  return (int32_t)(uint32_t)((((uint64_t)(uint32_t)x << 32) + (uint64_t)((int64_t)x * (int64_t)m2) + 0x80000000u) >> 32);
#endif
}

/* FAST without saturation: TFLite's MultiplyByQuantizedMultiplier(acc) + zero point (the zero point in the nudge), for
   kernels that saturate to another width (SVDF's int16 state). */
MCUAI_INLINE int32_t mcuai_rescale_fast_wide(int32_t acc, int32_t m2, int32_t s, int32_t nudge)
{
  int32_t h = mcuai_high_mul(acc, m2);
  h -= (int32_t)((uint32_t)h >> 31);
  h += nudge;
  h >>= s;
  return h >> 1;
}

/* FAST|LEFT, a channel whose stored shift s is negative (TFLite's shift L = -s - 1): SRDHM(acc << L) + output_zp,
   before saturation. */
MCUAI_INLINE int32_t mcuai_rescale_left_wide(int32_t acc, int32_t m2, int32_t s, int32_t output_zp)
{
  return mcuai_high_mul((int32_t)((uint32_t)acc << (-s - 1)), m2) + output_zp;
}

/* FAST: acc (bias included) to int8, before the activation clamp. */
MCUAI_INLINE int32_t mcuai_rescale_fast(int32_t acc, int32_t m2, int32_t s, int32_t nudge)
{
#if MCUAI_HAVE_DSP
  return mcuai_ssat(mcuai_rescale_fast_wide(acc, m2, s, nudge), 8);
#else
  int32_t h = mcuai_rescale_fast_wide(acc, m2, s, nudge);
  return h < -128 ? -128 : (h > 127 ? 127 : h);
#endif
}

/* EXACT: acc (bias included) to int8, before the activation clamp. */
MCUAI_INLINE int32_t mcuai_rescale_exact(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_zp)
{
  return mcuai_clamp_i32(mcuai_mbqm(acc, multiplier, shift) + output_zp, -128, 127);
}

/* EXACT with the activation clamp. Called, not inlined: the C loops use it once per output value (after a whole
   window of MACs), and one copy (mcuai_rescale_s8.c) for every kernel of a model instead of one per call site saves
   about 200 bytes of code each. A kernel file that calls it includes this header itself, so that McuAi.Build copies
   mcuai_rescale_s8.c with it. */
int8_t mcuai_rescale_exact_clamped(const mcuai_rescale_s8* r, int32_t acc, int32_t multiplier, int32_t shift);

/* Either form with the activation clamp, from a channel's constants as a kernel keeps them (multiplier, shift,
   and the fast form's nudge): the fast form (a few instructions) inline, the exact one called. */
MCUAI_INLINE int8_t mcuai_rescale_value(const mcuai_rescale_s8* r, int32_t acc, int32_t multiplier, int32_t shift, int32_t nudge)
{
  if (r->mode & MCUAI_RESCALE_FAST) return (int8_t)mcuai_clamp_i32(mcuai_rescale_fast(acc, multiplier, shift, nudge), r->act_min, r->act_max);
  return mcuai_rescale_exact_clamped(r, acc, multiplier, shift);
}

/* Either form for channel c, with the activation clamp: the reference the kernels' loops unroll. */
MCUAI_INLINE int8_t mcuai_rescale_one(const mcuai_rescale_s8* r, int32_t acc, int32_t c)
{
  return mcuai_rescale_value(r, acc, r->multiplier[c], r->shift[c], mcuai_rescale_nudge(r->output_zp, r->shift[c]));
}

#endif
