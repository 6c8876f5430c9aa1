/* McuAi.Build C runtime: float32 binary ops with broadcasting and the fused activation's clamp. In place allowed. */
#include "mcuai_binary_f32.h"

static float apply(int32_t op, float x, float y)
{
  switch (op) {
    case MCUAI_BINARY_SUB: return x - y;
    case MCUAI_BINARY_MUL: return x * y;
    case MCUAI_BINARY_DIV: return x / y;
    case MCUAI_BINARY_MIN: return x < y ? x : y;
    case MCUAI_BINARY_MAX: return x > y ? x : y;
    default: return x + y;
  }
}

void mcuai_binary_f32(const mcuai_binary_f32_params* p, const float* a, const float* b, float* output)
{
  int32_t i;
  if (p->shape.elementwise) {
    for (i = 0; i < p->shape.count; ++i) output[i] = mcuai_clamp_f32(apply(p->op, a[i], b[i]), p->act_min, p->act_max);
  } else {
    int32_t index[MCUAI_MAX_DIMS] = {0}, ia = 0, ib = 0;
    for (i = 0; i < p->shape.count; ++i) {
      output[i] = mcuai_clamp_f32(apply(p->op, a[ia], b[ib]), p->act_min, p->act_max);
      mcuai_broadcast_next(&p->shape, index, &ia, &ib);
    }
  }
}
