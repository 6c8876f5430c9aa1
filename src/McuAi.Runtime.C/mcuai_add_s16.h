/* McuAi.Build C runtime: ADD and SUB on int16 tensors (16x8 quantization) with broadcasting (TFLM's reference semantics). */
#ifndef MCUAI_ADD_S16_H_
#define MCUAI_ADD_S16_H_

#include "mcuai_broadcast.h"

/* All values prepared at build time by McuAi.Build (AddSubInt16Lowering), from the interpreter's prepared op. */
typedef struct {
  mcuai_broadcast shape;
  int32_t subtract;                 /* 0: a + b, 1: a - b */
  int32_t a_offset, b_offset;       /* minus the inputs' zero points (0 for symmetric int16) */
  int32_t left_shift;               /* 15 for int16 */
  int32_t a_multiplier, a_shift;    /* each input to the common scale (twice the larger input scale); shifts <= 0 */
  int32_t b_multiplier, b_shift;
  int32_t output_multiplier, output_shift;
  int32_t output_offset;
  int32_t act_min, act_max;
} mcuai_add_s16_params;

/* The output may be input a (in place) when a has the output's shape. */
void mcuai_add_s16(const mcuai_add_s16_params* p, const int16_t* a, const int16_t* b, int16_t* output);

#endif
