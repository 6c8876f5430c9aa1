/* McuAi.Build C runtime: int32 binary ops. Sums, differences and products wrap in 32 bits; division truncates toward
   zero, INT32_MIN / -1 wraps. A zero divisor, where TFLM's division traps, gives 0 (McuAi.Build's interpreter reports
   it as an error; a constant divisor of 0 is refused at build time). */
#include "mcuai_binary_s32.h"

static int32_t apply(int32_t op, int32_t x, int32_t y)
{
  switch (op) {
    case MCUAI_BINARY_SUB: return (int32_t)((uint32_t)x - (uint32_t)y);
    case MCUAI_BINARY_MUL: return (int32_t)((uint32_t)x * (uint32_t)y);
    case MCUAI_BINARY_DIV: return y == 0 ? 0 : y == -1 ? (int32_t)(0u - (uint32_t)x) : x / y;
    case MCUAI_BINARY_MIN: return x < y ? x : y;
    case MCUAI_BINARY_MAX: return x > y ? x : y;
    default: return (int32_t)((uint32_t)x + (uint32_t)y);
  }
}

void mcuai_binary_s32(const mcuai_binary_s32_params* p, const int32_t* a, const int32_t* b, int32_t* output)
{
  int32_t i;
  if (p->shape.elementwise) {
    for (i = 0; i < p->shape.count; ++i) output[i] = mcuai_clamp_i32(apply(p->op, a[i], b[i]), p->act_min, p->act_max);
  } else {
    int32_t index[MCUAI_MAX_DIMS] = {0}, ia = 0, ib = 0;
    for (i = 0; i < p->shape.count; ++i) {
      output[i] = mcuai_clamp_i32(apply(p->op, a[ia], b[ib]), p->act_min, p->act_max);
      mcuai_broadcast_next(&p->shape, index, &ia, &ib);
    }
  }
}
