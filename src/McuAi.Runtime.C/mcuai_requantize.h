/* McuAi.Build C runtime: QUANTIZE between integer types with int16 or int32 on either side (TFLM's reference
   semantics): one rescale by input scale / output scale. */
#ifndef MCUAI_REQUANTIZE_H_
#define MCUAI_REQUANTIZE_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (RequantizeLowering), from the interpreter's prepared op. */
typedef struct {
  int32_t count;                   /* elements */
  int32_t input_bytes;             /* 1 (int8), 2 (int16) or 4 (int32) */
  int32_t output_bytes;            /* 1, 2 or 4 */
  int32_t input_zero_point, output_zero_point;
  int32_t multiplier, shift;
  int32_t min, max;                /* the output type's range */
} mcuai_requantize_params;

/* The output may be the input (in place) when both have the same type: element i is read before it is written. */
void mcuai_requantize(const mcuai_requantize_params* p, const void* input, void* output);

#endif
