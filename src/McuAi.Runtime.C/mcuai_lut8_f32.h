/* McuAi.Build C runtime: an element-wise op from an 8-bit tensor to float32 as a 256-entry table made at build time
   by McuAi.Build's bit-exact interpreter (DEQUANTIZE int8/uint8 -> float32). */
#ifndef MCUAI_LUT8_F32_H_
#define MCUAI_LUT8_F32_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;              /* elements */
  const float* table;         /* [256], indexed by the input byte */
} mcuai_lut8_f32_params;

void mcuai_lut8_f32(const mcuai_lut8_f32_params* p, const void* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output);

#endif
