/* McuAi.Build C runtime: TFLite's int16 logistic and tanh (reference_integer_ops::Logistic/Tanh for int16), as the
   interpreter's Int16Sigmoid: the input rescaled to units of 1/(3 * 4096) (x * multiplier, rounded right shift), |x|
   looked up in the 256-node sigmoid table (passed as a constant array) with linear interpolation, the sign restored
   through the curve's symmetry; tanh(x) = 2 sigmoid(2x) - 1 reads the same table with 256 units per node. Q0.15 out. */
#ifndef MCUAI_SIGMOID_S16_H_
#define MCUAI_SIGMOID_S16_H_

#include "mcuai_rt.h"

/* input * multiplier >> shift, rounded (the table's units); multiplier and shift as the interpreter's Int16Sigmoid.Effective. */
MCUAI_INLINE int32_t mcuai_sigmoid_units_s16(int32_t input, int32_t multiplier, int32_t shift)
{
  return shift > 0 ? (input * multiplier + (1 << (shift - 1))) >> shift : input * multiplier;
}

/* The table at magnitude (fraction_bits below the node index), interpolated; saturated from node 255 on. */
MCUAI_INLINE uint32_t mcuai_sigmoid_lookup(const uint16_t* table, uint32_t magnitude, int fraction_bits, uint32_t saturated)
{
  const uint32_t node = magnitude >> fraction_bits;
  if (node >= 255u) return saturated;
  const uint32_t a = table[node], b = table[node + 1];
  return (a << fraction_bits) + (magnitude & ((1u << fraction_bits) - 1u)) * (b - a);
}

/* sigmoid of x (table units) in Q0.15. */
MCUAI_INLINE int16_t mcuai_logistic_s16(const uint16_t* table, int32_t x)
{
  uint32_t r = mcuai_sigmoid_lookup(table, (uint32_t)(x < 0 ? -x : x), 9, 0x7FFFu << 10);
  r = x >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1u;
  return (int16_t)(r >> 10);
}

/* tanh of x (table units) in Q0.15. */
MCUAI_INLINE int16_t mcuai_tanh_s16(const uint16_t* table, int32_t x)
{
  int32_t r = (int32_t)mcuai_sigmoid_lookup(table, (uint32_t)(x < 0 ? -x : x), 8, 0xFFFFu << 8);
  r = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
  return (int16_t)(r >> 8);
}

#endif
