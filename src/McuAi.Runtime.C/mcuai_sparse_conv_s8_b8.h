/* McuAi.Build C runtime: mcuai_sparse_conv_s8 (see mcuai_sparse_conv_s8.h) with blocks of 8 weights (in_c a multiple of 8). */
#ifndef MCUAI_SPARSE_CONV_S8_B8_H_
#define MCUAI_SPARSE_CONV_S8_B8_H_

#include "mcuai_sparse_conv_s8.h"

void mcuai_sparse_conv_s8_b8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

/* The same for a layer whose output stage is MCUAI_RESCALE_FAST without clamp (conv.rescale.mode == MCUAI_RESCALE_FAST):
   it links no C loop of four pixels beside the assembly one. */
void mcuai_sparse_conv_s8_b8_fast(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
