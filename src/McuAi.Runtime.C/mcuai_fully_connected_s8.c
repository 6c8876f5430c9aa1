/* McuAi.Build C runtime: FULLY_CONNECTED int8.
   acc = sum_d (w[o][d] + weight_offset) * (x[b][d] + input_offset) + bias[o], rescaled, offset, clamped.
   Integer arithmetic wraps in 32 bits as TFLM's does, so the summation order cannot change a result. */
#include "mcuai_fully_connected_s8.h"

#include "mcuai_dsp.h"

static int32_t dot(const int8_t* MCUAI_RESTRICT x, const int8_t* MCUAI_RESTRICT w, int32_t depth, int32_t input_offset, int32_t weight_offset)
{
  int32_t acc = 0;
  int32_t d = 0;
#if MCUAI_HAVE_DSP
  /* Four values a step: bytes 0/2 and 1/3 sign-extended to halfword pairs plus the offsets, two SMLADs. */
  uint32_t x_off = ((uint32_t)(uint16_t)input_offset) * 0x00010001u;
  uint32_t w_off = ((uint32_t)(uint16_t)weight_offset) * 0x00010001u;
  for (; d + 4 <= depth; d += 4) {
    uint32_t xv, wv;
    memcpy(&xv, x + d, 4);
    memcpy(&wv, w + d, 4);
    acc = mcuai_smlad(mcuai_sxtab16(x_off, xv), mcuai_sxtab16(w_off, wv), acc);
    acc = mcuai_smlad(mcuai_sxtab16(x_off, mcuai_ror(xv, 8)), mcuai_sxtab16(w_off, mcuai_ror(wv, 8)), acc);
  }
#endif
  for (; d < depth; ++d) acc += ((int32_t)w[d] + weight_offset) * ((int32_t)x[d] + input_offset);
  return acc;
}

void mcuai_fully_connected_s8(const mcuai_fully_connected_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output)
{
  int32_t b, o;
  for (b = 0; b < p->batches; ++b) {
    const int8_t* x = input + (size_t)b * (size_t)p->depth;
    for (o = 0; o < p->outputs; ++o) {
      int32_t ch = p->per_channel ? o : 0;
      int32_t acc = dot(x, p->weights + (size_t)o * (size_t)p->depth, p->depth, p->input_offset, p->weight_offset);
      if (p->bias) acc += p->bias[o];
      acc = mcuai_mbqm(acc, p->multiplier[ch], p->shift[ch]) + p->output_offset;
      *output++ = (int8_t)mcuai_clamp_i32(acc, p->act_min, p->act_max);
    }
  }
}
