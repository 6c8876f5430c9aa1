/* McuAi.Build C runtime: 8-bit to float32 table lookup, element by element. */
#include "mcuai_lut8_f32.h"

void mcuai_lut8_f32(const mcuai_lut8_f32_params* p, const void* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output)
{
  const uint8_t* x = (const uint8_t*)input;
  int32_t i;
  for (i = 0; i < p->count; ++i) output[i] = p->table[x[i]];
}
