/* McuAi.Build C runtime: element moves prepared at build time, for any element type: STRIDED_SLICE, TRANSPOSE, PAD
   (and any op whose output element is an affine function of its position inside a box, a fill value outside). */
#ifndef MCUAI_GATHER_H_
#define MCUAI_GATHER_H_

#include "mcuai_rt.h"

/* All values prepared at build time by McuAi.Build (GatherLowering). Positions are in output coordinates over
   MCUAI_MAX_DIMS dimensions (left-padded with 1). Inside the box [lo, hi) of every dimension the element comes from
   input[start + sum_d (i_d - lo_d) * strides_d]; outside it is the fill value. */
typedef struct {
  int32_t element_size;             /* 1, 2 or 4 bytes */
  int32_t dims[MCUAI_MAX_DIMS];     /* output dimensions */
  int32_t lo[MCUAI_MAX_DIMS];
  int32_t hi[MCUAI_MAX_DIMS];
  int32_t strides[MCUAI_MAX_DIMS];  /* input element strides, may be negative */
  int32_t start;                    /* input element at the box's first position */
  uint32_t fill;                    /* the fill element's bits (low element_size bytes, little-endian) */
} mcuai_gather_params;

void mcuai_gather(const mcuai_gather_params* p, const void* MCUAI_RESTRICT input, void* MCUAI_RESTRICT output);

#endif
