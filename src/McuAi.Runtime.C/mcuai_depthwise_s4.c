/* McuAi.Build C runtime: DEPTHWISE_CONV_2D with INT4 weights. See mcuai_depthwise_s4.h. */
#include "mcuai_depthwise_s4.h"
#include "mcuai_depthwise_s8.h" /* McuAi.Build copies mcuai_depthwise_s8.c with this file */

void mcuai_depthwise_s4(const mcuai_depthwise_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  const size_t count = (size_t)p->k_h * (size_t)p->k_w * (size_t)p->out_c;
  const uint8_t* packed = (const uint8_t*)p->weights;
  int8_t* unpacked = (int8_t*)scratch;
  mcuai_depthwise_s8_params dense = *p;
  size_t i;
  /* Two values per byte; (n ^ 8) - 8 sign-extends a nibble. */
  for (i = 0; i + 1 < count; i += 2) {
    const uint32_t pair = packed[i / 2];
    unpacked[i] = (int8_t)((int32_t)((pair & 0xFu) ^ 8u) - 8);
    unpacked[i + 1] = (int8_t)((int32_t)((pair >> 4) ^ 8u) - 8);
  }
  if (i < count) unpacked[i] = (int8_t)((int32_t)((packed[i / 2] & 0xFu) ^ 8u) - 8);
  dense.weights = unpacked;
  mcuai_depthwise_s8(&dense, input, output, unpacked + MCUAI_DEPTHWISE_S4_UNPACKED(p->k_h * p->k_w, p->out_c));
}
