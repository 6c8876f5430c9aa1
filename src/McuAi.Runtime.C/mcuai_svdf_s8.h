/* McuAi.Build C runtime: SVDF with int8 input and output, int8 feature weights, int8 or int16 time weights and state,
   int32 bias (TFLM's integer reference semantics). The state is a variable tensor: it lives in the model's state buffer,
   persists across invocations and is cleared by init. */
#ifndef MCUAI_SVDF_S8_H_
#define MCUAI_SVDF_S8_H_

#include "mcuai_rt.h"

/* The rescales that take the fast form (mcuai_rescale_s8.h's SMMLAR form, proved exact for the layer at build time);
   the other keeps TFLite's MultiplyByQuantizedMultiplier as written. */
#define MCUAI_SVDF_FAST_FEATURE 1
#define MCUAI_SVDF_FAST_OUTPUT 2

/* All values prepared at build time by McuAi.Build (SvdfLowering), from the interpreter's prepared op. */
typedef struct {
  int32_t batches, input_size;
  int32_t filters;                       /* units * rank */
  int32_t units, rank;
  int32_t memory;                        /* state columns per filter */
  int32_t state_bytes;                   /* 1: int8 time weights and state, 2: int16 */
  int32_t input_zero_point, state_zero_point, output_zero_point;
  int32_t fast;                          /* MCUAI_SVDF_FAST_FEATURE | MCUAI_SVDF_FAST_OUTPUT */
  int32_t feature_multiplier, feature_shift;  /* input * features -> state scale; fast: 2 * multiplier, -shift - 1 */
  int32_t output_multiplier, output_shift;    /* state * time -> output scale; fast: 2 * multiplier, -shift - 1 */
  const int8_t* features;                /* [filters][input_size] */
  const void* time;                      /* [filters][memory], int8 or int16 as the state */
  const int32_t* bias;                   /* [units]: the bias minus state_zero_point * the sum of the unit's time weights
                                            (wrapping), which takes the state's zero point out of the time dot products;
                                            NULL when all zero */
} mcuai_svdf_s8_params;

/* state: [batches][filters][memory], int8 or int16, each filter's row a ring of its last `memory` projections;
   oldest: the layer's own state, the ring position of the oldest column (the same for every row);
   scratch: input_size int16 values (the DSP path's widened input). */
void mcuai_svdf_s8(const mcuai_svdf_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output,
                   void* MCUAI_RESTRICT state, int32_t* MCUAI_RESTRICT oldest, void* MCUAI_RESTRICT scratch);

#endif
