/* McuAi.Build C runtime: CONV_2D and FULLY_CONNECTED with magnitude-pruned int8 weights stored block-sparse
   (McuAi.Simplification.SparseWeightLayout): only the blocks of `block` weights that hold a non-zero value are in
   flash, with one bit per block; the kernel skips the others. Everything but the weights is mcuai_conv_s8's (windows,
   four-pixel blocking, folded bias, output stage): the block size's channel loops (mcuai_sparse_conv_s8_rows.h) run the
   stored blocks through the dense kernel's multiply-accumulate steps.
   One kernel per block size, each in files of its own (mcuai_sparse_conv_s8_b4, _b8, _b16), so that a model compiles
   and links only the block sizes its layers use. */
#ifndef MCUAI_SPARSE_CONV_S8_H_
#define MCUAI_SPARSE_CONV_S8_H_

#include "mcuai_conv_s8.h"

/* All values prepared at build time by McuAi.Build (SparseWeightsLowering). conv is prepared as the dense lowering
   prepares it, except that conv.depth is filter_h * filter_w * in_c (a multiple of the block) and conv.weights holds
   the stored blocks' weights, in the order of the bitmap. Scratch: MCUAI_CONV_S8_SCRATCH. */
typedef struct {
  mcuai_conv_s8_params conv;
  /* Per output channel (row) ceil(depth / block / 8) bytes: bit k (bit k % 8 of the row's byte k / 8) set when block k
     of the row holds a non-zero weight; blocks of the kernel's size (4, 8 or 16 weights, dividing in_c) cut along the
     input channels of the OHWI filter. */
  const uint8_t* bitmap;
} mcuai_sparse_conv_s8_params;

#endif
