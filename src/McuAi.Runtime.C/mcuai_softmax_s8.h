/* McuAi.Build C runtime: SOFTMAX int8 -> int8 over the last dimension (TFLM's fixed-point semantics). */
#ifndef MCUAI_SOFTMAX_S8_H_
#define MCUAI_SOFTMAX_S8_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (SoftmaxLowering). */
typedef struct {
  int32_t rows;               /* elements / depth */
  int32_t depth;              /* size of the last dimension */
  int32_t diff_min;           /* differences below this give exp = 0 and are skipped */
  const int32_t* exp_table;   /* [256]: gemmlowp exp (0 integer bits) of beta * scale * -d, for d = max - x in 0..255 */
} mcuai_softmax_s8_params;

void mcuai_softmax_s8(const mcuai_softmax_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output);

#endif
