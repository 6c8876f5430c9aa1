/* McuAi.Build C runtime: element-wise binary ops on float32 tensors with broadcasting (ADD, SUB, MUL, ...). */
#ifndef MCUAI_BINARY_F32_H_
#define MCUAI_BINARY_F32_H_

#include "mcuai_broadcast.h"

/* All values prepared at build time by McuAi.Build (BinaryFloatLowering). */
typedef struct {
  mcuai_broadcast shape;
  int32_t op;                       /* MCUAI_BINARY_* */
  float act_min, act_max;           /* the fused activation's clamp */
} mcuai_binary_f32_params;

void mcuai_binary_f32(const mcuai_binary_f32_params* p, const float* a, const float* b, float* output);

#endif
