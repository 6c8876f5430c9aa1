/* McuAi.Build C runtime: FULLY_CONNECTED on float32 tensors. */
#ifndef MCUAI_FULLY_CONNECTED_F32_H_
#define MCUAI_FULLY_CONNECTED_F32_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (FullyConnectedLowering). */
typedef struct {
  int32_t batches, depth, outputs;
  float act_min, act_max;
  const float* weights;       /* [outputs][depth], as in the model */
  const float* bias;          /* [outputs] or NULL */
} mcuai_fully_connected_f32_params;

void mcuai_fully_connected_f32(const mcuai_fully_connected_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output);

#endif
