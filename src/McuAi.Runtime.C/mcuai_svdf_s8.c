/* McuAi.Build C runtime: SVDF int8. TFLM shifts the whole flat state one element towards its start on every
   invocation, so that each filter's row drops its oldest value and its newest slot takes the filter's feature
   projection of the input (rescaled to the state's scale and clamped). Here each row is a ring instead: the new value
   overwrites the oldest, whose position then advances; the time filter reads the ring from the oldest value on, which
   is TFLM's row, and nothing moves. Each filter's time dot product with (state - zero point), summed over the ranks of
   a unit with the bias, is rescaled to the output. Zero points are taken out of the dot products through the weights'
   sums: sum w * (x - zp) = sum w * x - zp * sum w, exact as sums wrap in 32 bits (as TFLM's). */
#include "mcuai_svdf_s8.h"

#include "mcuai_dot_s8.h"

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

/* sum of t[j] * row[(first + j) % memory] (wrapping): the ring from its oldest value on, in two plain runs. */
MCUAI_INLINE int32_t ring_dot_s8(const int8_t* t, const int8_t* row, int32_t first, int32_t memory)
{
  const int8_t* s = row + first;
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

void mcuai_svdf_s8(const mcuai_svdf_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output,
                   void* MCUAI_RESTRICT state, int32_t* MCUAI_RESTRICT oldest, void* MCUAI_RESTRICT scratch)
{
  /* The params in locals: the state and output stores could otherwise alias *p and force a reload of every field per
     filter. */
  const int32_t memory = p->memory, newest = *oldest, first = newest + 1 == memory ? 0 : newest + 1;
  const int32_t input_size = p->input_size, filters = p->filters, rank = p->rank, units = p->units;
  const int32_t input_zero_point = p->input_zero_point, state_zero_point = p->state_zero_point;
  const int32_t feature_multiplier = p->feature_multiplier, feature_shift = p->feature_shift;
  const int32_t output_multiplier = p->output_multiplier, output_shift = p->output_shift, output_zero_point = p->output_zero_point;
  const int32_t* const feature_sums = p->feature_sums;
  const int32_t* const time_sums = p->time_sums;
  const int32_t* const bias = p->bias;
  const int state_is_s8 = p->state_bytes == 1;
  const int32_t state_min = state_is_s8 ? -128 : -32768, state_max = state_is_s8 ? 127 : 32767;
  int32_t b;
  for (b = 0; b < p->batches; ++b) {
    const int8_t* x = input + (size_t)b * input_size;
    const int8_t* features = p->features;
    const int8_t* time_s8 = (const int8_t*)p->time;
    const int16_t* time_s16 = (const int16_t*)p->time;
    int8_t* state_s8 = (int8_t*)state + (size_t)b * filters * memory;
    int16_t* state_s16 = (int16_t*)state + (size_t)b * filters * memory;
#if MCUAI_HAVE_DSP
    mcuai_widen_s8_pairs(x, input_size, (int16_t*)scratch);
#endif
    int8_t* out = output + (size_t)b * units;
    int32_t f, r = 0, u = 0;
    uint32_t sum = bias ? (uint32_t)bias[0] : 0u;
    /* One pass over the filters (the ranks of a unit are consecutive): each row depends only on its own filter, so each
       filter is projected, stored and filtered over time in turn; a unit's output follows its last rank. */
    for (f = 0; f < filters; ++f, features += input_size) {
      const int32_t dot = (int32_t)((uint32_t)mcuai_dot_s8_widened(features, x, (const int16_t*)scratch, input_size) - (uint32_t)input_zero_point * (uint32_t)feature_sums[f]);
      const int32_t value = mcuai_clamp_i32(mcuai_mbqm(dot, feature_multiplier, feature_shift) + state_zero_point, state_min, state_max);
      int32_t time_dot;
      if (state_is_s8) {
        state_s8[newest] = (int8_t)value;
        time_dot = ring_dot_s8(time_s8, state_s8, first, memory);
        state_s8 += memory;
        time_s8 += memory;
      } else {
        state_s16[newest] = (int16_t)value;
        time_dot = ring_dot_s16(time_s16, state_s16, first, memory);
        state_s16 += memory;
        time_s16 += memory;
      }
      sum += (uint32_t)time_dot - (uint32_t)state_zero_point * (uint32_t)time_sums[f];
      if (++r == rank) {
        out[u] = (int8_t)mcuai_clamp_i32(mcuai_mbqm((int32_t)sum, output_multiplier, output_shift) + output_zero_point, -128, 127);
        r = 0;
        if (++u < units) sum = bias ? (uint32_t)bias[u] : 0u;
      }
    }
  }
  *oldest = first;
}
