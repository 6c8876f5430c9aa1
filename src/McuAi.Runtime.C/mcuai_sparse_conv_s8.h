/* McuAi.Build C runtime: CONV_2D and FULLY_CONNECTED with magnitude-pruned int8 weights stored block-sparse
   (McuAi.Simplification.SparseWeightLayout): only the blocks of `block` weights that hold a non-zero value are in
   flash, with one bit per block; the kernel skips the others. */
#ifndef MCUAI_SPARSE_CONV_S8_H_
#define MCUAI_SPARSE_CONV_S8_H_

#include "mcuai_widen_window.h"

/* All values prepared at build time by McuAi.Build (SparseWeightsLowering). */
typedef struct {
  mcuai_window_geometry geometry;
  int32_t out_c;
  int32_t depth;               /* filter_h * filter_w * in_c: a multiple of block */
  int32_t block;               /* weights per block along the input channels: 4, 8 or 16, dividing in_c */
  int32_t input_offset;        /* minus the input zero point */
  int32_t output_offset;
  int32_t act_min, act_max;
  /* Bit k (bit k % 8 of byte k / 8) set when block k holds a non-zero weight; blocks in row-major order of the
     [out_c][depth / block] filter (OHWI cut along the input channels). */
  const uint8_t* bitmap;
  const int8_t* values;        /* the stored blocks' weights, in the same order */
  const int32_t* bias;         /* [out_c] or NULL */
  const int32_t* multiplier;   /* [out_c] */
  const int8_t* shift;         /* [out_c] */
} mcuai_sparse_conv_s8_params;

/* Scratch: MCUAI_WIDEN_WINDOW_SCRATCH(depth) bytes. */
void mcuai_sparse_conv_s8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, uint8_t* scratch);

#endif
