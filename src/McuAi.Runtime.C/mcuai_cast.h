/* McuAi.Build C runtime: CAST between integer types, bool and float32 (C's conversions, as TFLM's static_cast). */
#ifndef MCUAI_CAST_H_
#define MCUAI_CAST_H_

#include "mcuai_rt.h"

/* Element types of mcuai_cast. */
enum { MCUAI_CAST_S8 = 0, MCUAI_CAST_U8 = 1, MCUAI_CAST_S16 = 2, MCUAI_CAST_U16 = 3, MCUAI_CAST_S32 = 4, MCUAI_CAST_U32 = 5,
       MCUAI_CAST_S64 = 6, MCUAI_CAST_BOOL = 7, MCUAI_CAST_F32 = 8 };

/* All values prepared at build time by McuAi.Build (CastLowering). */
typedef struct {
  int32_t count;
  int32_t from, to;   /* MCUAI_CAST_* */
} mcuai_cast_params;

void mcuai_cast(const mcuai_cast_params* p, const void* MCUAI_RESTRICT input, void* MCUAI_RESTRICT output);

#endif
