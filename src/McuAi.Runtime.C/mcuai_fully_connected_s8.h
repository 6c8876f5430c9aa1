/* McuAi.Build C runtime: FULLY_CONNECTED, int8 input/weights/output, int32 bias (TFLM's reference semantics). */
#ifndef MCUAI_FULLY_CONNECTED_S8_H_
#define MCUAI_FULLY_CONNECTED_S8_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (FullyConnectedLowering). */
typedef struct {
  int32_t batches;        /* input rows */
  int32_t depth;          /* values summed per output */
  int32_t outputs;        /* output values per row */
  int32_t input_offset;   /* minus the input zero point */
  int32_t weight_offset;  /* minus the weights' zero point (0 for per-channel weights) */
  int32_t output_offset;  /* the output zero point */
  int32_t act_min, act_max;
  int32_t per_channel;    /* 1: one multiplier/shift per output; 0: element 0 for all */
  const int8_t* weights;  /* [outputs][depth], as in the model */
  const int32_t* bias;    /* [outputs] or NULL */
  const int32_t* multiplier;  /* [outputs] (or 1) */
  const int8_t* shift;        /* [outputs] (or 1) */
} mcuai_fully_connected_s8_params;

void mcuai_fully_connected_s8(const mcuai_fully_connected_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output);

#endif
