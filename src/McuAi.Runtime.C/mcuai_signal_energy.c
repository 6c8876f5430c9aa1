/* McuAi.Build C runtime: SignalEnergy. energy[i] = re^2 + im^2 for the bins in [start, end), as uint32 (TFLM sums in
   int32, where (-32768)^2 * 2 wraps to 2^31: the same bits). TFLM leaves the other elements unwritten; here, as in
   McuAi.Build's interpreter, they are 0, so results never depend on what the buffer held. */
#include "mcuai_signal_energy.h"

void mcuai_signal_energy(const mcuai_signal_energy_params* p, const int16_t* MCUAI_RESTRICT spectrum, uint32_t* MCUAI_RESTRICT energy)
{
  int32_t i;
  for (i = 0; i < p->count; ++i) energy[i] = 0;
  for (i = p->start; i < p->end; ++i) {
    const int32_t re = spectrum[2 * i], im = spectrum[2 * i + 1];
    energy[i] = (uint32_t)(re * re) + (uint32_t)(im * im);
  }
}
