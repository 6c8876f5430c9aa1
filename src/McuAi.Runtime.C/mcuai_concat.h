/* McuAi.Build C runtime: CONCATENATION along one axis, for any element type (raw bytes, as TFLM copies them). */
#ifndef MCUAI_CONCAT_H_
#define MCUAI_CONCAT_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (ConcatenationLowering). */
typedef struct {
  int32_t outer;                     /* product of the dimensions before the axis */
  int32_t count;                     /* inputs */
  const int32_t* block_bytes;        /* [count]: bytes of each input per outer index */
  const void* const* inputs;         /* [count] */
} mcuai_concat_params;

void mcuai_concat(const mcuai_concat_params* p, void* output);

#endif
