/* McuAi.Build C runtime: NumPy-style broadcasting of two inputs to an output of up to MCUAI_MAX_DIMS dimensions.
   The shapes are resolved at build time into the output's dimensions and, per input, an element stride per
   dimension (0 where the input repeats); the kernels walk the output in order with an odometer. */
#ifndef MCUAI_BROADCAST_H_
#define MCUAI_BROADCAST_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t elementwise;                 /* 1: both inputs have the output's shape, element i makes element i */
  int32_t count;                       /* output elements */
  int32_t dims[MCUAI_MAX_DIMS];        /* output dimensions, left-padded with 1 */
  int32_t a_strides[MCUAI_MAX_DIMS];   /* element strides of input a per output dimension */
  int32_t b_strides[MCUAI_MAX_DIMS];
} mcuai_broadcast;

/* Advances the odometer `index` by one output element, updating the flat input offsets *a and *b. */
MCUAI_INLINE void mcuai_broadcast_next(const mcuai_broadcast* s, int32_t* index, int32_t* a, int32_t* b)
{
  int32_t d;
  for (d = MCUAI_MAX_DIMS - 1; d >= 0; --d) {
    *a += s->a_strides[d];
    *b += s->b_strides[d];
    if (++index[d] < s->dims[d]) return;
    *a -= s->a_strides[d] * s->dims[d];
    *b -= s->b_strides[d] * s->dims[d];
    index[d] = 0;
  }
}

#endif
