/* McuAi.Build C runtime: CONV_2D int8 (and FULLY_CONNECTED, a 1x1 convolution over its rows),
   bit-exact with TFLM's reference kernel.

   Every output channel is a dot product of the input window (im2col order: kernel row, column, input
   channel) with the channel's packed weights, plus a bias into which the input offset has been folded
   at build time (bias + input_offset * sum(weights), wrapping): a window position outside the input
   reads the input zero point, whose product then cancels exactly, as TFLM's skipped taps do.
   Cortex-M DSP path: four output pixels at a time; their windows sign-extended once into halfword
   pairs (scratch), each channel's four weights a step sign-extended in registers and reused for the
   four pixels (8 SMLAD per 4 weights). Portable path: one pixel at a time, same bytes.

   The driver (windows, blocking, output stage) is shared with the other weight formats of the same
   convolution, INT4 (mcuai_conv_s4) and block-sparse int8 (mcuai_sparse_conv_s8_b4/_b8/_b16): each supplies only its
   channel loops (mcuai_conv_rows) and calls mcuai_conv_run. */
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

/* The same for a layer whose output stage is MCUAI_RESCALE_FAST without clamp (rescale.mode == MCUAI_RESCALE_FAST): on a
   core with the assembly loop it links no C loop of four pixels beside it (the weight formats have such entries too:
   McuAi.Build calls them for these layers, so a model whose layers all take the fast stage does not carry the C loop). */
void mcuai_conv_s8_fast(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch);

/* For the weight formats' channel loops. Scratch of the DSP path: per channel 4 words of constants (bias,
   multiplier, nudge of the fast form or 0, shift), then the windows of 4 pixels: per 4 window values x0..x3
   8 words, (x0, x2) of pixels 0..3 then (x1, x3) of pixels 0..3. */
typedef struct {
  const mcuai_u32_alias* consts;  /* channel 0's constants */
  const int8_t* w;                /* p->weights */
  const mcuai_u32_alias* cols;    /* the four pixels' windows */
  int32_t q;                      /* depth / 4 */
  int8_t* out;                    /* channel 0 of the first pixel */
  int32_t stride;                 /* bytes from one pixel's output to the next */
  int8_t* end;                    /* out + out_c */
  const void* extra;              /* the format's (block-sparse: the bitmap); NULL from the driver */
} mcuai_conv_block4;

/* One weight format of the convolution. The DSP path's loops cover every output channel, in order:
   channels4 of four pixels whose windows are in job->cols (channels4_fast: the same in assembly for the fast output
   stage without clamp, NULL where there is none: MCUAI_CONV4_FAST); channels1 of one pixel whose window is n bytes
   (n <= depth; the values beyond n are 0), with the bias and output stage read from the params (p->bias,
   mcuai_rescale_one), as layers of 1 to 3 pixels (FULLY_CONNECTED) run it before any constants are built; row writes channel c's first `bytes` weights as int8 (layers
   of depth <= 12, once per call, c = 0, 1, ... in order; *cursor starts at p->weights and is the format's
   to advance). The portable path's dot returns channel c's weights times the n window bytes (wrapping;
   c = 0, 1, ... in order per pixel, same cursor rule). */
typedef struct {
#if MCUAI_HAVE_DSP
  void (*channels4)(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job);
  void (*channels4_fast)(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job);
  void (*channels1)(const mcuai_conv_s8_params* p, const int8_t* window, int32_t n, int8_t* out);
  void (*row)(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, int8_t* weights, int32_t bytes);
#else
  int32_t (*dot)(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, const int8_t* window, int32_t n);
#endif
} mcuai_conv_rows;

/* The convolution of mcuai_conv_s8 with weights in the given format (p->weights and p->depth as it defines). */
void mcuai_conv_run(const mcuai_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch,
                    const mcuai_conv_rows* rows);

#if MCUAI_HAVE_DSP
/* Four accumulators (one per pixel) += the window pairs at c (pixels 0..3) times the weight pair w. */
#define MCUAI_CONV_MAC4(a, c, w)       \
  do {                                 \
    (a)[0] = mcuai_smlad((c)[0], (w), (a)[0]); \
    (a)[1] = mcuai_smlad((c)[1], (w), (a)[1]); \
    (a)[2] = mcuai_smlad((c)[2], (w), (a)[2]); \
    (a)[3] = mcuai_smlad((c)[3], (w), (a)[3]); \
  } while (0)

/* acc (bias included) to the output with a channel's constants k as the driver keeps them. */
MCUAI_INLINE int8_t mcuai_conv_output(const mcuai_rescale_s8* r, int32_t acc, const mcuai_u32_alias* k)
{
  return mcuai_rescale_value(r, acc, (int32_t)k[1], (int32_t)k[3], (int32_t)k[2]);
}

/* A channel's output of the four pixels: a[s] rescaled with the channel's constants k, stored stride apart. */
MCUAI_INLINE void mcuai_conv_store4(const mcuai_rescale_s8* r, const int32_t* a, const mcuai_u32_alias* k, int8_t* out, int32_t stride)
{
  int32_t s;
  for (s = 0; s < 4; ++s) out[s * stride] = mcuai_conv_output(r, a[s], k);
}

#if MCUAI_DSP_ASM
/* The frame of a channels4 routine in assembly, for the fast output stage without clamp: NAME(job) runs BODY once per
   output channel, with the job copied to [sp] (consts, w, cols, q, out, stride, end, extra; [sp, #32] and [sp, #36]
   free for BODY) and r8 walking the weights. BODY leaves the channel's four outputs in r0-r3 (already rescaled and saturated); the frame
   stores them and moves to the next channel. Registers r4-r8, r10, r11 and lr are saved here, r9 (the platform
   register) is never used, so it compiles with any frame-pointer and PIC setting. */
#define MCUAI_CONV4_ASM(NAME, BODY)                                    \
  static void NAME(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job) \
  {                                                                    \
    register const mcuai_conv_block4* r0 __asm__("r0") = job;          \
    (void)p;                                                           \
    __asm__ volatile("push {r4, r5, r6, r7, r8, r10, r11, lr}\n\t"    \
                     "sub sp, sp, #40\n\t"                             \
                     "ldm r0, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"    \
                     "stm sp, {r1, r2, r3, r4, r5, r6, r7, r8}\n\t"    \
                     "mov r8, r2\n"                                    \
                     "0:\n\t" BODY                                    \
                     "ldrd lr, r7, [sp, #16]\n\t"                      \
                     "strb r0, [lr]\n\t"                               \
                     "strb r1, [lr, r7]\n\t"                           \
                     "add r12, lr, r7, lsl #1\n\t"                     \
                     "strb r2, [r12]\n\t"                              \
                     "strb r3, [r12, r7]\n\t"                          \
                     "ldr r12, [sp, #24]\n\t"                          \
                     "add lr, lr, #1\n\t"                              \
                     "str lr, [sp, #16]\n\t"                           \
                     "cmp lr, r12\n\t"                                 \
                     "bne 0b\n\t"                                      \
                     "add sp, sp, #40\n\t"                             \
                     "pop {r4, r5, r6, r7, r8, r10, r11, lr}\n\t"      \
                     : "+r"(r0)                                        \
                     :                                                 \
                     : "r1", "r2", "r3", "r12", "cc", "memory");       \
  }

/* r0-r3 += the next 4 window words (r10, one pair per pixel) times the weight pair that SXTB16 (ROR "" or ", ror #8")
   makes of the 4 bytes in register W. */
#define MCUAI_CONV4_PAIR(W, ROR)                   \
  "ldmia r10!, {r4, r5, r6, r7}\n\t"               \
  "sxtb16 r11, " W ROR "\n\t"                      \
  "smlad r0, r4, r11, r0\n\t"                      \
  "smlad r1, r5, r11, r1\n\t"                      \
  "smlad r2, r6, r11, r2\n\t"                      \
  "smlad r3, r7, r11, r3\n\t"

/* The dense step: 4 int8 weights (r8) times 4 window values of the four pixels: LDR, two SXTB16, two LDM, 8 SMLAD. */
#define MCUAI_CONV4_STEP                           \
  "ldr r12, [r8], #4\n\t"                          \
  MCUAI_CONV4_PAIR("r12", "") MCUAI_CONV4_PAIR("r12", ", ror #8")

/* The fast output stage of one accumulator: SMMLAR, SUB, ADD, ASR, SSAT with the channel's multiplier M, nudge N and
   shift S (registers). */
#define MCUAI_CONV4_RESCALE1(acc, M, N, S)             \
  "smmlar " acc ", " acc ", " M ", " acc "\n\t"       \
  "sub " acc ", " acc ", " acc ", lsr #31\n\t"        \
  "add " acc ", " acc ", " N "\n\t"                   \
  "asr " acc ", " acc ", " S "\n\t"                   \
  "ssat " acc ", #8, " acc ", asr #1\n\t"
#define MCUAI_CONV4_RESCALE(M, N, S)                                                             \
  MCUAI_CONV4_RESCALE1("r0", M, N, S) MCUAI_CONV4_RESCALE1("r1", M, N, S) MCUAI_CONV4_RESCALE1("r2", M, N, S) \
  MCUAI_CONV4_RESCALE1("r3", M, N, S)
#define MCUAI_CONV4_FAST(f) f
#else
#define MCUAI_CONV4_FAST(f) NULL
#endif
#endif

#endif
