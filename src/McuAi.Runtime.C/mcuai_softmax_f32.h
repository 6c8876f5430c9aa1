/* McuAi.Build C runtime: SOFTMAX float32 over the last dimension. Needs libm (expf). */
#ifndef MCUAI_SOFTMAX_F32_H_
#define MCUAI_SOFTMAX_F32_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t rows, depth;
  float beta;
} mcuai_softmax_f32_params;

void mcuai_softmax_f32(const mcuai_softmax_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output);

#endif
