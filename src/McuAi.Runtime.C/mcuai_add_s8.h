/* McuAi.Build C runtime: ADD and SUB on int8 tensors with broadcasting (TFLM's reference semantics). */
#ifndef MCUAI_ADD_S8_H_
#define MCUAI_ADD_S8_H_

#include "mcuai_broadcast.h"

/* All values prepared at build time by McuAi.Build (AddSubLowering). */
typedef struct {
  mcuai_broadcast shape;
  int32_t subtract;                 /* 0: a + b, 1: a - b */
  int32_t a_offset, b_offset;       /* minus the inputs' zero points */
  int32_t left_shift;               /* 20 for int8 */
  int32_t a_multiplier, a_shift;    /* each input to the common scale (twice the larger input scale) */
  int32_t b_multiplier, b_shift;
  int32_t output_multiplier, output_shift;
  int32_t output_offset;
  int32_t act_min, act_max;
  /* Optional (large tensors): each input's rescaled value for every input byte, made at build time with the same
     arithmetic; NULL to compute it per element. Indexed by the value's two's complement byte. */
  const int32_t* a_table;
  const int32_t* b_table;
} mcuai_add_s8_params;

void mcuai_add_s8(const mcuai_add_s8_params* p, const int8_t* a, const int8_t* b, int8_t* output);

#endif
