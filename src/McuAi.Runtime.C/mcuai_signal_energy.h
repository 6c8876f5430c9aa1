/* McuAi.Build C runtime: TFLM's SignalEnergy (power of complex int16 bins). */
#ifndef MCUAI_SIGNAL_ENERGY_H_
#define MCUAI_SIGNAL_ENERGY_H_

#include "mcuai_rt.h"

typedef struct {
  int32_t count;        /* output elements */
  int32_t start, end;   /* bins [start, end) get their power; the others are 0 */
} mcuai_signal_energy_params;

void mcuai_signal_energy(const mcuai_signal_energy_params* p, const int16_t* MCUAI_RESTRICT spectrum, uint32_t* MCUAI_RESTRICT energy);

#endif
