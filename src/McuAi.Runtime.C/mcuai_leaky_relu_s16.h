/* McuAi.Build C runtime: LEAKY_RELU on int16 tensors (TFLM's reference semantics). */
#ifndef MCUAI_LEAKY_RELU_S16_H_
#define MCUAI_LEAKY_RELU_S16_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (LeakyReluInt16Lowering), from the interpreter's prepared op. */
typedef struct {
  int32_t count;                               /* elements */
  int32_t input_zero_point, output_zero_point;
  int32_t identity_multiplier, identity_shift; /* input scale / output scale */
  int32_t alpha_multiplier, alpha_shift;       /* |alpha| * input scale / output scale */
  int32_t alpha_negative;                      /* 1: the alpha product is negated */
  int32_t act_min, act_max;
} mcuai_leaky_relu_s16_params;

/* The output may be the input (in place). */
void mcuai_leaky_relu_s16(const mcuai_leaky_relu_s16_params* p, const int16_t* input, int16_t* output);

#endif
