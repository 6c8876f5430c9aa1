/* McuAi.Build C runtime: SVDF int8. TFLM shifts the whole flat state one element towards its start on every
   invocation, so that each filter's row drops its oldest value and its newest slot takes the filter's feature
   projection of the input (rescaled to the state's scale and clamped). Here each row is a ring instead: the new value
   overwrites the oldest, whose position then advances; the time filter reads the ring from the oldest value on, which
   is TFLM's row, and nothing moves. Each filter's time dot product with (state - zero point), summed over the ranks of
   a unit with the bias, is rescaled to the output. The input's zero point is taken out once, as the input is widened
   to int16 (scratch); the state's through the bias, into which the build folded -zp * sum of the unit's time weights
   (sum t * (s - zp) = sum t * s - zp * sum t, exact as sums wrap in 32 bits, as TFLM's). */
#include "mcuai_svdf_s8.h"

#include "mcuai_dot_s8.h"
#include "mcuai_rescale_s8.h"

/* sum of a[c] * b[c] for int8 vectors (any alignment). */
static int32_t dot_s8(const int8_t* a, const int8_t* b, int32_t n)
{
  int32_t sum = 0, c = 0;
#if MCUAI_HAVE_DSP
  for (; c + 4 <= n; c += 4) {
    uint32_t av, bv;
    memcpy(&av, a + c, 4);
    memcpy(&bv, b + c, 4);
    sum = mcuai_smlad(mcuai_sxtb16(av), mcuai_sxtb16(bv), sum);
    sum = mcuai_smlad(mcuai_sxtb16(av >> 8), mcuai_sxtb16(bv >> 8), sum);
  }
#endif
  for (; c < n; ++c) sum += (int32_t)a[c] * b[c];
  return sum;
}

#if MCUAI_HAVE_DSP
/* ring_dot_s8 of a ring of 8 (a common memory, where two runs of at most 7 would go one value at a time): the row's
   two words rotated right by first bytes (a funnel shift of the pair, the words swapped when first >= 4) give the ring
   from its oldest value on as two words, each split by SXTB16 for two SMLAD against a word of time weights. */
MCUAI_INLINE int32_t ring8_dot_s8(const int8_t* t, const int8_t* row, int32_t first)
{
  const uint32_t sh = 8u * (uint32_t)(first & 3);
  uint32_t lo = mcuai_load_word(row), hi = mcuai_load_word(row + 4), v0, v1, t0, t1;
  int32_t sum;
  if (first & 4) {
    const uint32_t w = lo;
    lo = hi;
    hi = w;
  }
  /* (x << 1) << (31 - sh): x << (32 - sh), and 0 for sh = 0, without a shift by 32. */
  v0 = (lo >> sh) | ((hi << 1) << (31u - sh));
  v1 = (hi >> sh) | ((lo << 1) << (31u - sh));
  t0 = mcuai_load_word(t);
  t1 = mcuai_load_word(t + 4);
  sum = mcuai_smlad(mcuai_sxtb16(v0), mcuai_sxtb16(t0), 0);
  sum = mcuai_smlad(mcuai_sxtb16_ror8(v0), mcuai_sxtb16_ror8(t0), sum);
  sum = mcuai_smlad(mcuai_sxtb16(v1), mcuai_sxtb16(t1), sum);
  return mcuai_smlad(mcuai_sxtb16_ror8(v1), mcuai_sxtb16_ror8(t1), sum);
}
#endif

/* sum of t[j] * row[(first + j) % memory] (wrapping): the ring from its oldest value on, in two plain runs. */
MCUAI_INLINE int32_t ring_dot_s8(const int8_t* t, const int8_t* row, int32_t first, int32_t memory)
{
  const int8_t* s = row + first;
#if MCUAI_HAVE_DSP
  if (memory == 8) return ring8_dot_s8(t, row, first);
#endif
  if (MCUAI_HAVE_DSP && memory >= 16) /* long runs: four at a time */
    return (int32_t)((uint32_t)dot_s8(t, s, memory - first) + (uint32_t)dot_s8(t + memory - first, row, first));
  const int8_t* end = t + (memory - first);
  int32_t sum = 0;
  while (t < end) sum += (int32_t)*t++ * *s++;
  for (s = row, end = t + first; t < end;) sum += (int32_t)*t++ * *s++;
  return sum;
}

MCUAI_INLINE int32_t ring_dot_s16(const int16_t* t, const int16_t* row, int32_t first, int32_t memory)
{
  const int16_t* s = row + first;
  const int16_t* end = t + (memory - first);
  uint32_t sum = 0;
  while (t < end) sum += (uint32_t)((int32_t)*t++ * *s++);
  for (s = row, end = t + first; t < end;) sum += (uint32_t)((int32_t)*t++ * *s++);
  return (int32_t)sum;
}

/* The state value of a feature projection, saturated to the state's type. */
MCUAI_INLINE int32_t saturate_state(int32_t value, int state_is_s8)
{
#if MCUAI_HAVE_DSP
  return state_is_s8 ? mcuai_ssat(value, 8) : mcuai_ssat(value, 16);
#else
  return state_is_s8 ? mcuai_clamp_i32(value, -128, 127) : mcuai_clamp_i32(value, -32768, 32767);
#endif
}

void mcuai_svdf_s8(const mcuai_svdf_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output,
                   void* MCUAI_RESTRICT state, int32_t* MCUAI_RESTRICT oldest, void* MCUAI_RESTRICT scratch)
{
  /* The params in locals: the state and output stores could otherwise alias *p and force a reload of every field per
     filter. */
  const int32_t memory = p->memory, newest = *oldest, first = newest + 1 == memory ? 0 : newest + 1;
  const int32_t input_size = p->input_size, filters = p->filters, rank = p->rank, units = p->units;
  const int32_t state_zero_point = p->state_zero_point, output_zero_point = p->output_zero_point;
  const int32_t feature_multiplier = p->feature_multiplier, feature_shift = p->feature_shift;
  const int32_t output_multiplier = p->output_multiplier, output_shift = p->output_shift;
  const int fast_feature = (p->fast & MCUAI_SVDF_FAST_FEATURE) != 0, fast_output = (p->fast & MCUAI_SVDF_FAST_OUTPUT) != 0;
  const int32_t feature_nudge = fast_feature ? mcuai_rescale_nudge(state_zero_point, feature_shift) : 0;
  const int32_t output_nudge = fast_output ? mcuai_rescale_nudge(output_zero_point, output_shift) : 0;
  const int32_t* const bias = p->bias;
  const int state_is_s8 = p->state_bytes == 1;
  int16_t* const wide = (int16_t*)scratch;
  int32_t b;
  for (b = 0; b < p->batches; ++b) {
    const int8_t* features = p->features;
    const int8_t* time_s8 = (const int8_t*)p->time;
    const int16_t* time_s16 = (const int16_t*)p->time;
    int8_t* state_s8 = (int8_t*)state + (size_t)b * filters * memory;
    int16_t* state_s16 = (int16_t*)state + (size_t)b * filters * memory;
    int8_t* out = output + (size_t)b * units;
    int32_t f, r = 0, u = 0;
    uint32_t sum = bias ? (uint32_t)bias[0] : 0u;
    mcuai_widen_s8_offset(input + (size_t)b * input_size, input_size, -p->input_zero_point, wide);
    /* One pass over the filters (the ranks of a unit are consecutive): each row depends only on its own filter, so each
       filter is projected, stored and filtered over time in turn; a unit's output follows its last rank. */
    for (f = 0; f < filters; ++f, features += input_size) {
      const int32_t dot = mcuai_dot_s8_widened(features, wide, input_size);
      const int32_t value = saturate_state(fast_feature ? mcuai_rescale_fast_wide(dot, feature_multiplier, feature_shift, feature_nudge)
                                                        : mcuai_mbqm(dot, feature_multiplier, feature_shift) + state_zero_point, state_is_s8);
      if (state_is_s8) {
        state_s8[newest] = (int8_t)value;
        sum += (uint32_t)ring_dot_s8(time_s8, state_s8, first, memory);
        state_s8 += memory;
        time_s8 += memory;
      } else {
        state_s16[newest] = (int16_t)value;
        sum += (uint32_t)ring_dot_s16(time_s16, state_s16, first, memory);
        state_s16 += memory;
        time_s16 += memory;
      }
      if (++r == rank) {
        out[u] = (int8_t)(fast_output ? mcuai_rescale_fast((int32_t)sum, output_multiplier, output_shift, output_nudge)
                                      : mcuai_clamp_i32(mcuai_mbqm((int32_t)sum, output_multiplier, output_shift) + output_zero_point, -128, 127));
        r = 0;
        if (++u < units) sum = bias ? (uint32_t)bias[u] : 0u;
      }
    }
  }
  *oldest = first;
}
