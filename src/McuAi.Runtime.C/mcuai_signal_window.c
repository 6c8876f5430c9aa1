/* McuAi.Build C runtime: SignalWindow. output[i] = saturate16((input[i] * window[i % frame]) >> shift). */
#include "mcuai_signal_window.h"

void mcuai_signal_window(const mcuai_signal_window_params* p, const int16_t* input, const int16_t* window, int16_t* output)
{
  int32_t start, i;
  for (start = 0; start < p->count; start += p->frame) {
    for (i = 0; i < p->frame; ++i) {
      const int32_t raw = ((int32_t)input[start + i] * window[i]) >> p->shift;
      output[start + i] = (int16_t)mcuai_clamp_i32(raw, -32768, 32767);
    }
  }
}
