/* McuAi.Build C runtime: integer helpers of TFLM's signal library (the audio front end's Signal ops), with the exact
   results of its GCC build: bit positions and rounded integer square roots. */
#ifndef MCUAI_SIGNAL_H_
#define MCUAI_SIGNAL_H_

#include "mcuai_rt.h"

/* One more than the index of the highest set bit (1 -> 1, 0x8000 -> 16); 32 for 0, as TFLM's GCC path. */
MCUAI_INLINE uint32_t mcuai_msb32(uint32_t x)
{
  uint32_t n = 0;
  if (x == 0) return 32;
  while (x != 0) {
    x >>= 1;
    ++n;
  }
  return n;
}

/* As mcuai_msb32 for 64 bits; 64 for 0. */
MCUAI_INLINE uint32_t mcuai_msb64(uint64_t x)
{
  if (x == 0) return 64;
  return (x >> 32) != 0 ? 32 + mcuai_msb32((uint32_t)(x >> 32)) : mcuai_msb32((uint32_t)x);
}

/* Square root rounded to nearest (digit by digit), saturating at 0xFFFF, where the rounding step is skipped. */
MCUAI_INLINE uint16_t mcuai_sqrt32(uint32_t num)
{
  uint32_t result = 0, bit;
  int top_bit, iterations;
  if (num == 0) return 0;
  top_bit = (32 - (int)mcuai_msb32(num)) | 1;
  bit = 1u << (31 - top_bit);
  for (iterations = (31 - top_bit) / 2 + 1; iterations > 0; --iterations) {
    if (num >= result + bit) {
      num -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (num > result && result != 0xFFFFu) ++result;
  return (uint16_t)result;
}

/* Square root of a 64-bit value; below 2^32 the 32-bit path, as in TFLM. The result keeps the low 32 bits. */
MCUAI_INLINE uint32_t mcuai_sqrt64(uint64_t num)
{
  uint64_t result = 0, bit;
  int top_bit, iterations;
  if ((num >> 32) == 0) return mcuai_sqrt32((uint32_t)num);
  top_bit = (64 - (int)mcuai_msb64(num)) | 1;
  bit = (uint64_t)1 << (63 - top_bit);
  for (iterations = (63 - top_bit) / 2 + 1; iterations > 0; --iterations) {
    if (num >= result + bit) {
      num -= result + bit;
      result = (result >> 1) + bit;
    } else {
      result >>= 1;
    }
    bit >>= 2;
  }
  if (num > result && result != 0xFFFFFFFFu) ++result;
  return (uint32_t)result;
}

#endif
