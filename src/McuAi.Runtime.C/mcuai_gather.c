/* McuAi.Build C runtime: box-and-strides element moves. The innermost dimension is one run per output row: fill
   before the box, the strided (or contiguous: memcpy) copy inside it, fill after it. */
#include "mcuai_gather.h"

static void fill(uint8_t* out, int32_t count, int32_t size, uint32_t bits)
{
  int32_t i;
  for (i = 0; i < count; ++i) memcpy(out + (size_t)i * size, &bits, (size_t)size); /* little-endian targets */
}

void mcuai_gather(const mcuai_gather_params* p, const void* MCUAI_RESTRICT input, void* MCUAI_RESTRICT output)
{
  const int32_t last = MCUAI_MAX_DIMS - 1, size = p->element_size, width = p->dims[last];
  const uint8_t* in = (const uint8_t*)input;
  uint8_t* out = (uint8_t*)output;
  int32_t index[MCUAI_MAX_DIMS] = {0}, rows = 1, row, d;
  for (d = 0; d < last; ++d) rows *= p->dims[d];
  for (row = 0; row < rows; ++row, out += (size_t)width * size) {
    int32_t inside = 1, base = p->start;
    for (d = 0; d < last; ++d) {
      if (index[d] < p->lo[d] || index[d] >= p->hi[d]) inside = 0;
      base += (index[d] - p->lo[d]) * p->strides[d];
    }
    if (!inside || p->hi[last] <= p->lo[last]) {
      fill(out, width, size, p->fill);
    } else {
      const int32_t lo = p->lo[last], hi = p->hi[last], stride = p->strides[last];
      fill(out, lo, size, p->fill);
      if (stride == 1) {
        memcpy(out + (size_t)lo * size, in + (size_t)base * size, (size_t)(hi - lo) * size);
      } else {
        int32_t x;
        for (x = lo; x < hi; ++x) memcpy(out + (size_t)x * size, in + ((size_t)base + (size_t)(x - lo) * stride) * size, (size_t)size);
      }
      fill(out + (size_t)hi * size, width - hi, size, p->fill);
    }
    for (d = last - 1; d >= 0; --d) {
      if (++index[d] < p->dims[d]) break;
      index[d] = 0;
    }
  }
}
