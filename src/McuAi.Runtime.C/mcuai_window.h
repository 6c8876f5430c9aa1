/* McuAi.Build C runtime: the taps of a 2-D window (convolution, pooling) that fall inside the input, computed
   once per output row or column so that the inner loops have no bounds checks. */
#ifndef MCUAI_WINDOW_H_
#define MCUAI_WINDOW_H_

#include "mcuai_rt.h"

/* The filter taps [*first, *end) whose input coordinate origin + tap * dilation lies in [0, size). */
MCUAI_INLINE void mcuai_window_taps(int32_t origin, int32_t dilation, int32_t taps, int32_t size, int32_t* first, int32_t* end)
{
  int32_t a = 0, b = taps;
  while (a < b && origin + a * dilation < 0) ++a;
  while (b > a && origin + (b - 1) * dilation >= size) --b;
  *first = a;
  *end = b;
}

#endif
