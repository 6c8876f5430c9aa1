/* McuAi.Build C runtime: CONCATENATION: for each outer index, each input's block in turn. */
#include "mcuai_concat.h"

void mcuai_concat(const mcuai_concat_params* p, void* output)
{
  uint8_t* out = (uint8_t*)output;
  int32_t o, k;
  for (o = 0; o < p->outer; ++o)
    for (k = 0; k < p->count; ++k) {
      const size_t size = (size_t)p->block_bytes[k];
      memcpy(out, (const uint8_t*)p->inputs[k] + (size_t)o * size, size);
      out += size;
    }
}
