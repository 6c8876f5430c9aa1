/* McuAi.Build C runtime: DEPTHWISE_CONV_2D int8, bit-exact with TFLM's reference kernel.

   Output channel c of a pixel = sum over the window taps of input[tap, c / depth_mult] * w[tap, c] plus
   a bias into which the input offset has been folded at build time (as in mcuai_conv_s8.h: taps that
   leave the input read the input zero point). A layer with one input channel is lowered to
   mcuai_conv_s8 instead (it is a convolution).
   Cortex-M DSP path (depth multiplier 1, channels a multiple of 4, at most MCUAI_DEPTHWISE_MAX_TAPS
   taps): four channels of a pixel at a time from one input word per tap (SXTB16, then SMLABB/SMLATT),
   reading everything else from a stream built in scratch once per call: per group of 4 channels the
   biases, each tap's weights widened to halfword pairs, and each channel's output-stage constants.
   Otherwise, and on the portable path, a plain loop; same bytes. */
#ifndef MCUAI_DEPTHWISE_S8_H_
#define MCUAI_DEPTHWISE_S8_H_

#include "mcuai_rescale_s8.h"

#define MCUAI_DEPTHWISE_MAX_TAPS 25

typedef struct {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;  /* out_c = in_c * depth_mult */
  int32_t depth_mult;
  int32_t k_h, k_w;
  int32_t stride_h, stride_w;
  int32_t dil_h, dil_w;
  int32_t pad_top, pad_left;
  int32_t input_zp;             /* read where the window leaves the input */
  const int8_t* weights;        /* [k_h * k_w][out_c], the model's layout */
  const int32_t* bias;          /* [out_c]: bias + input_offset * sum of the channel's weights (wrapping) */
  mcuai_rescale_s8 rescale;
} mcuai_depthwise_s8_params;

/* Scratch bytes of the DSP path: the stream (per 4 channels: 4 biases, 2 words per tap, 3 per channel)
   and a row of the zero point. */
#define MCUAI_DEPTHWISE_S8_SCRATCH(taps, out_c) ((out_c) * (17 + 2 * (taps)))

void mcuai_depthwise_s8(const mcuai_depthwise_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

/* The same for a layer the DSP path takes (depth multiplier 1, channels a multiple of 4, at most MCUAI_DEPTHWISE_MAX_TAPS
   taps; McuAi.Build calls it for those layers, except those whose output stage is MCUAI_RESCALE_LEFT): on a DSP core it
   links no plain loop, nor the code of MCUAI_RESCALE_LEFT; elsewhere it runs the plain loop as mcuai_depthwise_s8 does. */
void mcuai_depthwise_s8_dsp(const mcuai_depthwise_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
