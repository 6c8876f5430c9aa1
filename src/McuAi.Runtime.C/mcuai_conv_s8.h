/* McuAi.Build C runtime: CONV_2D int8 (and FULLY_CONNECTED, a 1x1 convolution over its rows),
   bit-exact with TFLM's reference kernel.

   Every output channel is a dot product of the input window (im2col order: kernel row, column, input
   channel) with the channel's packed weights, plus a bias into which the input offset has been folded
   at build time (bias + input_offset * sum(weights), wrapping): a window position outside the input
   reads the input zero point, whose product then cancels exactly, as TFLM's skipped taps do.
   Cortex-M DSP path: four output pixels at a time; their windows sign-extended once into halfword
   pairs (scratch), each channel's four weights a step sign-extended in registers and reused for the
   four pixels (8 SMLAD per 4 weights). Portable path: one pixel at a time, same bytes. */
#ifndef MCUAI_CONV_S8_H_
#define MCUAI_CONV_S8_H_

#include "mcuai_rescale_s8.h"

typedef struct {
  int32_t batches;
  int32_t in_h, in_w, in_c;
  int32_t out_h, out_w, out_c;
  int32_t k_h, k_w;
  int32_t stride_h, stride_w;
  int32_t dil_h, dil_w;
  int32_t pad_top, pad_left;
  int32_t depth;            /* packed row length: k_h * k_w * in_c rounded up to a multiple of 4 */
  int32_t input_zp;         /* read where the window leaves the input */
  const int8_t* weights;    /* [out_c][depth]: the model's OHWI filter, each row zero-padded to depth; 4-byte aligned */
  const int32_t* bias;      /* [out_c]: bias + input_offset * sum of the row's weights (wrapping) */
  mcuai_rescale_s8 rescale;
} mcuai_conv_s8_params;

/* Scratch bytes mcuai_conv_s8 needs (either path), for out_h * out_w = pixels. Depth up to 12: per channel a
   stream of 8 or 10 words (bias, widened weights, output-stage constants) and a 12-byte window. Otherwise 4 words
   of output-stage constants per channel, then with 4 pixels or more the windows of 4 pixels as halfword pairs and,
   for input channels not a multiple of 4, a row of the window (k_w * in_c bytes) when rows are whole words, else
   the whole window; with fewer pixels one window of bytes unless the window is the input pixel itself (1x1 without
   padding: FULLY_CONNECTED). */
#define MCUAI_CONV_S8_SCRATCH(depth, in_c, out_c, k_w, pixels, in_place)                                        \
  ((depth) <= 12 ? ((depth) <= 8 ? 32 : 40) * (out_c) + 12                                                      \
   : (pixels) < 4 ? 16 * (out_c) + ((in_place) ? 0 : (depth))                                                   \
                  : 16 * (out_c) + 8 * (depth) +                                                               \
                        (((in_c) % 4) == 0 ? 0 : (((k_w) * (in_c)) % 4) == 0 ? (k_w) * (in_c) : (depth)))

void mcuai_conv_s8(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

#endif
