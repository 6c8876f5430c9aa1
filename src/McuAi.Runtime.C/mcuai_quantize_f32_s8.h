/* McuAi.Build C runtime: QUANTIZE float32 -> int8 (TFLM's semantics: round half away from zero, zero point, clamp). */
#ifndef MCUAI_QUANTIZE_F32_S8_H_
#define MCUAI_QUANTIZE_F32_S8_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;
  float scale;                /* the output's scale: q = round(x / scale) + zero_point */
  int32_t zero_point;
  int32_t min, max;           /* the output type's range */
} mcuai_quantize_f32_s8_params;

void mcuai_quantize_f32_s8(const mcuai_quantize_f32_s8_params* p, const float* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output);

#endif
