/* McuAi.Build C runtime: AVERAGE_POOL_2D on int8_t tensors. */
#ifndef MCUAI_AVG_POOL_S8_H_
#define MCUAI_AVG_POOL_S8_H_

#include "mcuai_pool.h"

void mcuai_avg_pool_s8(const mcuai_pool_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output);

#endif
