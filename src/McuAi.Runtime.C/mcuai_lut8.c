/* McuAi.Build C runtime: 8-bit table lookup, element by element. */
#include "mcuai_lut8.h"

void mcuai_lut8(const mcuai_lut8_params* p, const void* input, void* output)
{
  const uint8_t* x = (const uint8_t*)input;
  uint8_t* y = (uint8_t*)output;
  int32_t i;
  for (i = 0; i < p->count; ++i) y[i] = p->table[x[i]];
}
