/* McuAi.Build C runtime: SignalFilterBankLog. ln(x << correction_bits) * output_scale, saturated to int16, for x > 1
   (0 otherwise), in TFLM's integer arithmetic: log2 from the top bit's position plus a fraction from a 128-segment
   table with linear interpolation (Q16), times ln 2, times the scale, each step rounded and wrapping in 32 bits. */
#include "mcuai_signal_filter_bank_log.h"

#include "mcuai_signal.h"

static uint32_t log2_fraction(const uint16_t* correction, uint32_t x, uint32_t log2x)
{
  int32_t fraction = (int32_t)(x - ((uint32_t)1 << log2x)), segment, c0, c1, interpolated;
  if (log2x < 16) fraction = (int32_t)((uint32_t)fraction << (16 - log2x));
  else fraction >>= log2x - 16;
  segment = fraction >> (16 - 7);
  c0 = correction[segment];
  c1 = correction[segment + 1];
  interpolated = ((c1 - c0) * (fraction - (1 << 9) * segment)) >> 16;
  return (uint32_t)(fraction + c0 + interpolated);
}

static uint32_t log32(const uint16_t* correction, uint32_t x, uint32_t out_scale)
{
  const uint32_t integer = mcuai_msb32(x) - 1;
  const uint32_t log2 = (integer << 16) + log2_fraction(correction, x, integer);
  const uint32_t round = 1u << 15;
  const uint32_t ln = (uint32_t)((45426u /* ln 2 in Q16 */ * (uint64_t)log2 + round) >> 16);
  return (out_scale * ln + round) >> 16;
}

void mcuai_signal_filter_bank_log(const mcuai_signal_filter_bank_log_params* p, const uint32_t* MCUAI_RESTRICT input,
                                  int16_t* MCUAI_RESTRICT output)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    const uint32_t scaled = input[i] << p->correction_bits;
    uint32_t value = 0;
    if (scaled > 1) {
      value = log32(p->correction, scaled, p->output_scale);
      if (value > 32767u) value = 32767u;
    }
    output[i] = (int16_t)value;
  }
}
