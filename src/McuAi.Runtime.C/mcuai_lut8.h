/* McuAi.Build C runtime: any element-wise op from an 8-bit tensor to an 8-bit tensor as a 256-entry table made at
   build time by McuAi.Build's bit-exact interpreter (LOGISTIC, TANH, QUANTIZE int8->int8, RELU, LEAKY_RELU, ...). */
#ifndef MCUAI_LUT8_H_
#define MCUAI_LUT8_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;              /* elements */
  const uint8_t* table;       /* [256], indexed by the input byte (int8 values as their two's complement byte) */
} mcuai_lut8_params;

/* The output may be the input (in place). */
void mcuai_lut8(const mcuai_lut8_params* p, const void* input, void* output);

#endif
