/* McuAi.Build C runtime: MEAN int8 over constant axes (TFLM's semantics). */
#ifndef MCUAI_MEAN_S8_H_
#define MCUAI_MEAN_S8_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (MeanLowering). */
typedef struct {
  int32_t dims[MCUAI_MAX_DIMS];        /* input dimensions, left-padded with 1 */
  int32_t out_strides[MCUAI_MAX_DIMS]; /* output element stride per input dimension, 0 for reduced ones */
  int32_t outputs;                     /* output elements (int32 sums in the scratch) */
  int32_t count;                       /* input elements per output */
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift;           /* input_scale / output_scale with 1 / count folded in */
  int32_t min, max;
} mcuai_mean_s8_params;

void mcuai_mean_s8(const mcuai_mean_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
