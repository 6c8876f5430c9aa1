/* McuAi.Build C runtime: element-wise binary ops on int32 tensors (no quantization) with broadcasting: ADD, SUB, MUL,
   DIV, MINIMUM, MAXIMUM (TFLM's reference semantics). */
#ifndef MCUAI_BINARY_S32_H_
#define MCUAI_BINARY_S32_H_

#include "mcuai_broadcast.h"

/* All values prepared at build time by McuAi.Build (BinaryInt32Lowering), from the interpreter's prepared op. */
typedef struct {
  mcuai_broadcast shape;
  int32_t op;                       /* MCUAI_BINARY_* */
  int32_t act_min, act_max;         /* the fused activation's clamp */
} mcuai_binary_s32_params;

/* The output may be input a (in place) when a has the output's shape. */
void mcuai_binary_s32(const mcuai_binary_s32_params* p, const int32_t* a, const int32_t* b, int32_t* output);

#endif
