/* McuAi.Build C runtime: CONV_2D / FULLY_CONNECTED with INT4 weights. See mcuai_conv_s4.h.
   DSP path: a word of 8 packed weights becomes the SMLAD operands of the window's halfword pairs with one shift, two
   masks and four SXTB16: (w << 4) & 0xF0F0F0F0 holds w0..w3 and w & 0xF0F0F0F0 holds w4..w7, each in the high nibble
   of its byte, i.e. 16 times the weight as an int8; SXTB16 and SXTB16 ROR #8 make the pairs [w0, w2], [w1, w3],
   [w4, w6], [w5, w7]. The sums are 16 times the true ones (every |16 w x| <= 2^14, rows of at most 2^15 weights: no
   overflow) and are shifted back exactly before the bias is added. Same bytes as the portable path and TFLM (which
   unpacks the filter to int8 and runs its int8 kernel: the same integer sums). */
#include "mcuai_conv_s4.h"
#include "mcuai_conv_s8.h" /* mcuai_conv_run: McuAi.Build copies mcuai_conv_s8.c with this file */
#include "mcuai_rescale_s8.h" /* mcuai_rescale_exact_clamped: McuAi.Build copies mcuai_rescale_s8.c with this file */

/* Weight i of a packed row: group i / 8, byte i % 4 of it, low nibble for i % 8 < 4; (n ^ 8) - 8 sign-extends. */
MCUAI_INLINE int32_t weight_s4(const int8_t* row, int32_t i)
{
  const uint32_t byte = (uint8_t)row[(i >> 3) * 4 + (i & 3)];
  return (int32_t)(((byte >> ((i & 4) ? 4 : 0)) & 0xFu) ^ 8u) - 8;
}

MCUAI_INLINE const int8_t* row_of(const mcuai_conv_s8_params* p, int32_t c)
{
  return p->weights + (size_t)c * (size_t)((p->depth + 7) / 8 * 4);
}

#if MCUAI_HAVE_DSP

#define LOW_NIBBLES(packed) (((packed) << 4) & 0xF0F0F0F0u)  /* 16 w0..w3 */
#define HIGH_NIBBLES(packed) ((packed) & 0xF0F0F0F0u)        /* 16 w4..w7 */

#if MCUAI_DSP_ASM
/* channels4_s4 for the fast output stage without clamp (the frame: mcuai_conv_s8.h): per 8 weights one LDR, LSL and two
   ANDs (the masks are Thumb-2 immediates), four SXTB16, four LDM of the windows and 16 SMLAD; per channel the end of
   its row at [sp, #32], and the bias added to the sums shifted back by 4. */
#define MCUAI_CONV_S4_GROUP                        \
  "ldr r12, [r8], #4\n\t"                          \
  "lsl lr, r12, #4\n\t"                            \
  "and lr, lr, #0xF0F0F0F0\n\t"                    \
  "and r12, r12, #0xF0F0F0F0\n\t"                  \
  MCUAI_CONV4_PAIR("lr", "") MCUAI_CONV4_PAIR("lr", ", ror #8")  \
  MCUAI_CONV4_PAIR("r12", "") MCUAI_CONV4_PAIR("r12", ", ror #8")

MCUAI_CONV4_ASM(channels4_s4_asm,
      "mov r0, #0\n\t"
      "mov r1, #0\n\t"
      "mov r2, #0\n\t"
      "mov r3, #0\n\t"
      "ldrd r10, r11, [sp, #8]\n\t"
      "add r12, r8, r11, lsl #1\n\t"
      "str r12, [sp, #32]\n\t"
      "tst r11, #2\n\t"
      "beq 1f\n\t"
      MCUAI_CONV_S4_GROUP
      "1:\n\t"
      "ldr r11, [sp, #32]\n\t"
      "cmp r8, r11\n\t"
      "beq 2f\n\t"
      MCUAI_CONV_S4_GROUP MCUAI_CONV_S4_GROUP
      "b 1b\n"
      "2:\n\t"
      "ldr r12, [sp, #0]\n\t"
      "ldmia r12!, {r4, r5, r6, r7}\n\t"
      "str r12, [sp, #0]\n\t"
      "add r0, r4, r0, asr #4\n\t"
      "add r1, r4, r1, asr #4\n\t"
      "add r2, r4, r2, asr #4\n\t"
      "add r3, r4, r3, asr #4\n\t"
      MCUAI_CONV4_RESCALE("r5", "r6", "r7"))
#endif

/* Every output channel of four pixels: per 8 weights one load, the unpacking and 16 SMLAD on the window pairs. */
static void channels4_s4(const mcuai_conv_s8_params* p, const mcuai_conv_block4* job)
{
  const mcuai_rescale_s8* r = &p->rescale;
  const mcuai_u32_alias* k = job->consts;
  const int8_t* w = job->w;
  int8_t* out;
  for (out = job->out; out != job->end; ++out, k += 4) {
    const mcuai_u32_alias* c = job->cols;
    int32_t a[4] = { 0, 0, 0, 0 }, g, s;
    for (g = job->q / 2; g > 0; --g, w += 4, c += 16) {
      const uint32_t packed = mcuai_load_word(w), low = LOW_NIBBLES(packed), high = HIGH_NIBBLES(packed);
      MCUAI_CONV_MAC4(a, c, mcuai_sxtb16(low));
      MCUAI_CONV_MAC4(a, c + 4, mcuai_sxtb16_ror8(low));
      MCUAI_CONV_MAC4(a, c + 8, mcuai_sxtb16(high));
      MCUAI_CONV_MAC4(a, c + 12, mcuai_sxtb16_ror8(high));
    }
    for (s = 0; s < 4; ++s) a[s] = (int32_t)(k[0] + (uint32_t)(a[s] >> 4));
    mcuai_conv_store4(r, a, k, out, job->stride);
  }
}

/* Every output channel of one pixel whose window is n bytes: per 8 values one weight word and two window words. */
static void channels1_s4(const mcuai_conv_s8_params* p, const int8_t* window, int32_t n, int8_t* out)
{
  int32_t ch, i;
  for (ch = 0; ch < p->out_c; ++ch) {
    const int8_t* row = row_of(p, ch);
    int32_t sum16 = 0, tail = 0;
    for (i = 0; i + 8 <= n; i += 8) {
      const uint32_t packed = mcuai_load_word(row + i / 2), low = LOW_NIBBLES(packed), high = HIGH_NIBBLES(packed);
      const uint32_t x0 = mcuai_load_word(window + i), x1 = mcuai_load_word(window + i + 4);
      sum16 = mcuai_smlad(mcuai_sxtb16(x0), mcuai_sxtb16(low), sum16);
      sum16 = mcuai_smlad(mcuai_sxtb16_ror8(x0), mcuai_sxtb16_ror8(low), sum16);
      sum16 = mcuai_smlad(mcuai_sxtb16(x1), mcuai_sxtb16(high), sum16);
      sum16 = mcuai_smlad(mcuai_sxtb16_ror8(x1), mcuai_sxtb16_ror8(high), sum16);
    }
    for (; i < n; ++i) tail += (int32_t)window[i] * weight_s4(row, i);
    out[ch] = mcuai_rescale_one(&p->rescale, (int32_t)((uint32_t)p->bias[ch] + (uint32_t)(sum16 >> 4) + (uint32_t)tail), ch);
  }
}

static void row_s4(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, int8_t* weights, int32_t bytes)
{
  const int8_t* row = row_of(p, c);
  int32_t i;
  (void)cursor;
  for (i = 0; i < bytes; ++i) weights[i] = (int8_t)weight_s4(row, i);
}

static const mcuai_conv_rows s_rows_s4 = { channels4_s4, MCUAI_CONV4_FAST(channels4_s4_asm), channels1_s4, row_s4 };
#if MCUAI_DSP_ASM
/* mcuai_conv_s4_fast's: every block of four pixels in assembly, so the C loop (channels4_s4) is not linked. */
static const mcuai_conv_rows s_rows_s4_fast = { channels4_s4_asm, channels4_s4_asm, channels1_s4, row_s4 };
#endif

#else /* portable path */

static int32_t dot_s4(const mcuai_conv_s8_params* p, int32_t c, const int8_t** cursor, const int8_t* window, int32_t n)
{
  const int8_t* row = row_of(p, c);
  uint32_t acc = 0;
  int32_t i;
  (void)cursor;
  for (i = 0; i < n; ++i) acc += (uint32_t)((int32_t)window[i] * weight_s4(row, i));
  return (int32_t)acc;
}

static const mcuai_conv_rows s_rows_s4 = { dot_s4 };

#endif

void mcuai_conv_s4(const mcuai_conv_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(p, input, output, scratch, &s_rows_s4);
}

#if !MCUAI_DSP_ASM
#define s_rows_s4_fast s_rows_s4 /* no assembly loop: the C loops serve both entries */
#endif

void mcuai_conv_s4_fast(const mcuai_conv_s4_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(p, input, output, scratch, &s_rows_s4_fast);
}
