/* McuAi.Build C runtime: MUL on int8 tensors with broadcasting (TFLM's reference semantics). */
#ifndef MCUAI_MUL_S8_H_
#define MCUAI_MUL_S8_H_

#include "mcuai_broadcast.h"

/* All values prepared at build time by McuAi.Build (MulLowering). */
typedef struct {
  mcuai_broadcast shape;
  int32_t a_offset, b_offset;       /* minus the inputs' zero points */
  int32_t multiplier, shift;        /* a_scale * b_scale / output_scale */
  int32_t output_offset;
  int32_t act_min, act_max;
} mcuai_mul_s8_params;

void mcuai_mul_s8(const mcuai_mul_s8_params* p, const int8_t* a, const int8_t* b, int8_t* output);

#endif
