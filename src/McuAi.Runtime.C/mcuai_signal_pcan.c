/* McuAi.Build C runtime: SignalPCAN, in the fixed-point formats of TFLM's pcan_argc_fixed: the gain for a noise estimate
   is a piecewise-quadratic interpolation in the table on the 10 bits after the estimate's top bit; the signal times
   the gain (SNR with 12 fraction bits) is compressed by shrink(x) = x^2 / 4 below 2, x - 1 above (6 fraction bits). */
#include "mcuai_signal_pcan.h"

#include "mcuai_signal.h"

static int16_t wide_dynamic_gain(uint32_t x, const int16_t* table)
{
  const int16_t* lut;
  int32_t interval, fraction, result;
  if (x <= 2) return table[x];
  interval = (int32_t)mcuai_msb32(x);
  lut = table + 4 * interval - 6;
  fraction = (int32_t)((interval < 11 ? x << (11 - interval) : x >> (interval - 11)) & 0x3FFu);
  result = (lut[2] * fraction) >> 5;
  result = (int32_t)((uint32_t)result + ((uint32_t)(int32_t)lut[1] << 5));
  result = (int32_t)((uint32_t)result * (uint32_t)fraction);
  result = (int32_t)((uint32_t)result + (1u << 14)) >> 15;
  return (int16_t)(result + lut[0]);
}

static uint32_t shrink(uint32_t x)
{
  return x < (2u << 12) ? (x * x) >> (2 + 2 * 12 - 6) : (x >> (12 - 6)) - (1u << 6);
}

void mcuai_signal_pcan(const mcuai_signal_pcan_params* p, const uint32_t* input, const uint32_t* noise, const int16_t* gains,
                       uint32_t* output)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) {
    const uint32_t gain = (uint32_t)(int32_t)wide_dynamic_gain(noise[i], gains);
    output[i] = shrink((uint32_t)(((uint64_t)input[i] * gain) >> p->snr_shift));
  }
}
