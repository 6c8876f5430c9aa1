/* McuAi.Build C runtime: element-wise binary ops on float32 tensors with broadcasting (ADD, SUB, MUL, ...). */
#ifndef MCUAI_BINARY_F32_H_
#define MCUAI_BINARY_F32_H_

#include "mcuai_broadcast.h"

enum { MCUAI_BINARY_ADD = 0, MCUAI_BINARY_SUB = 1, MCUAI_BINARY_MUL = 2, MCUAI_BINARY_DIV = 3, MCUAI_BINARY_MIN = 4, MCUAI_BINARY_MAX = 5 };

/* All values prepared at build time by McuAi.Build (BinaryFloatLowering). */
typedef struct {
  mcuai_broadcast shape;
  int32_t op;                       /* MCUAI_BINARY_* */
  float act_min, act_max;           /* the fused activation's clamp */
} mcuai_binary_f32_params;

void mcuai_binary_f32(const mcuai_binary_f32_params* p, const float* a, const float* b, float* output);

#endif
