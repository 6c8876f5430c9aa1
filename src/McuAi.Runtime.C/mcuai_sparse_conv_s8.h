/* McuAi.Build C runtime: CONV_2D and FULLY_CONNECTED with magnitude-pruned int8 weights stored block-sparse
   (McuAi.Simplification.SparseWeightLayout): only the blocks of `block` weights that hold a non-zero value are in
   flash, with one bit per block; the kernel skips the others. Everything but the weights is mcuai_conv_s8's (windows,
   four-pixel blocking, folded bias, output stage): this file supplies its channel loops for sparse rows, which run
   the stored blocks through the dense kernel's multiply-accumulate steps. */
#ifndef MCUAI_SPARSE_CONV_S8_H_
#define MCUAI_SPARSE_CONV_S8_H_

#include "mcuai_conv_s8.h"

/* All values prepared at build time by McuAi.Build (SparseWeightsLowering). conv is prepared as the dense lowering
   prepares it, except that conv.depth is filter_h * filter_w * in_c (a multiple of block) and conv.weights holds the
   stored blocks' weights, in the order of the bitmap. Scratch: MCUAI_CONV_S8_SCRATCH. */
typedef struct {
  mcuai_conv_s8_params conv;
  int32_t block;               /* weights per block along the input channels: 4, 8 or 16, dividing in_c */
  /* Per output channel (row) ceil(depth / block / 8) bytes: bit k (bit k % 8 of the row's byte k / 8) set when block k
     of the row holds a non-zero weight; blocks cut along the input channels of the OHWI filter. */
  const uint8_t* bitmap;
} mcuai_sparse_conv_s8_params;

void mcuai_sparse_conv_s8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
