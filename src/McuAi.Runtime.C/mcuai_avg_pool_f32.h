/* McuAi.Build C runtime: AVERAGE_POOL_2D on float tensors. */
#ifndef MCUAI_AVG_POOL_F32_H_
#define MCUAI_AVG_POOL_F32_H_

#include "mcuai_pool.h"

void mcuai_avg_pool_f32(const mcuai_pool_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output);

#endif
