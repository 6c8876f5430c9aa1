/* McuAi.Build C runtime: SVDF int8. Per invocation: the whole state moves one element towards its start (TFLM shifts
   the flat buffer, so each filter's oldest value drops out and its newest slot is then overwritten); each filter's
   feature projection of the input, rescaled to the state's scale and clamped, fills the newest slot; each filter's
   time dot product with (state - zero point), summed over the ranks of a unit with the bias, is rescaled to the output.
   Sums wrap in 32 bits as in TFLM. */
#include "mcuai_svdf_s8.h"

static int32_t time_dot(const mcuai_svdf_s8_params* p, const void* state, int32_t f)
{
  const size_t at = (size_t)f * p->memory;
  uint32_t sum = 0;
  int32_t j;
  if (p->state_bytes == 1) {
    const int8_t* s = (const int8_t*)state + at;
    const int8_t* t = (const int8_t*)p->time + at;
    for (j = 0; j < p->memory; ++j) sum += (uint32_t)((int32_t)t[j] * ((int32_t)s[j] - p->state_zero_point));
  } else {
    const int16_t* s = (const int16_t*)state + at;
    const int16_t* t = (const int16_t*)p->time + at;
    for (j = 0; j < p->memory; ++j) sum += (uint32_t)t[j] * (uint32_t)((int32_t)s[j] - p->state_zero_point);
  }
  return (int32_t)sum;
}

void mcuai_svdf_s8(const mcuai_svdf_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* MCUAI_RESTRICT state)
{
  const size_t per_batch = (size_t)p->filters * p->memory;
  const int32_t state_min = p->state_bytes == 1 ? -128 : -32768, state_max = p->state_bytes == 1 ? 127 : 32767;
  int32_t b, f, u, r, c;
  memmove(state, (uint8_t*)state + p->state_bytes, (per_batch * p->batches - 1) * (size_t)p->state_bytes);
  for (b = 0; b < p->batches; ++b) {
    const int8_t* x = input + (size_t)b * p->input_size;
    void* batch_state = (uint8_t*)state + per_batch * b * p->state_bytes;
    for (f = 0; f < p->filters; ++f) {
      const int8_t* w = p->features + (size_t)f * p->input_size;
      const size_t newest = (size_t)f * p->memory + p->memory - 1;
      int32_t dot = 0, value;
      for (c = 0; c < p->input_size; ++c) dot += (int32_t)w[c] * ((int32_t)x[c] - p->input_zero_point);
      value = mcuai_clamp_i32(mcuai_mbqm(dot, p->feature_multiplier, p->feature_shift) + p->state_zero_point, state_min, state_max);
      if (p->state_bytes == 1) ((int8_t*)batch_state)[newest] = (int8_t)value;
      else ((int16_t*)batch_state)[newest] = (int16_t)value;
    }
    for (u = 0; u < p->units; ++u) {
      uint32_t sum = p->bias ? (uint32_t)p->bias[u] : 0u;
      for (r = 0; r < p->rank; ++r) sum += (uint32_t)time_dot(p, batch_state, u * p->rank + r);
      output[(size_t)b * p->units + u] =
          (int8_t)mcuai_clamp_i32(mcuai_mbqm((int32_t)sum, p->output_multiplier, p->output_shift) + p->output_zero_point, -128, 127);
    }
  }
}
