/* HelloWorld firmware: runs TFLM's sine model through the C API that McuAi.Build generates (the same for
   Runtime="c", the default here, and Runtime="tflm") and prints the model's outputs, its RAM, its flash data
   and the instructions of one inference (CMSDK timer 0; exact under QEMU with -icount). */
#include <stdio.h>

#include "console.h"
#include "hello_world_model.h"
#include "hello_world_selftest.h"
#include "timer.h"

#ifndef MCUAI_QEMU_ICOUNT_SHIFT
#define MCUAI_QEMU_ICOUNT_SHIFT 5
#endif

/* "-0.707": three decimals without printf's %f, which newlib-nano leaves out. */
static const char* decimal(float value, char* text, size_t size)
{
    long milli = (long)(value * 1000.0f + (value < 0.0f ? -0.5f : 0.5f));
    unsigned long magnitude = (unsigned long)(milli < 0 ? -milli : milli);
    snprintf(text, size, "%s%lu.%03lu", milli < 0 ? "-" : "", magnitude / 1000ul, magnitude % 1000ul);
    return text;
}

int main(void)
{
    char line[96];
    unsigned long ticks = 0;
    int i, mismatches;
    console_write("McuAi.Build HelloWorld\n");
#if MCUAI_SAMPLE_CAN_RUN
    if (hello_world_init() != 0) {
        console_write("init failed\n");
        return 1;
    }
    for (i = 0; i <= 8; ++i) {
        float x = 0.785398f * (float)i; /* 0 .. 2 pi in steps of pi/4 */
        *hello_world_input0_data() = hello_world_input0_quantize(x);
        mcuai_timer_start();
        if (hello_world_invoke() != 0) {
            console_write("invoke failed\n");
            return 2;
        }
        ticks = mcuai_timer_ticks();
        {
            char a[16], b[16];
            snprintf(line, sizeof line, "x = %s  model sin(x) = %s\n", decimal(x, a, sizeof a),
                     decimal(hello_world_output0_dequantize(*hello_world_output0_data()), b, sizeof b));
            console_write(line);
        }
    }
    console_printf_u("RAM of the model: ", (unsigned long)hello_world_arena_used_bytes(), " bytes");
    console_printf_u("model data in flash: ", (unsigned long)hello_world_model_data_bytes, " bytes");
    if (ticks > 0) console_printf_u("instructions per inference: ", ticks * 40ul >> MCUAI_QEMU_ICOUNT_SHIFT, " (CMSDK timer under QEMU -icount)");
    mismatches = hello_world_selftest();
    console_printf_u("self-test mismatches: ", (unsigned long)(mismatches < 0 ? 99999 : mismatches), "");
    return mismatches == 0 ? 0 : 3;
#else
    (void)line; (void)ticks; (void)i; (void)mismatches;
    console_printf_u("tensor arena: ", (unsigned long)hello_world_tensor_arena_size, " bytes (planned by McuAi.Build)");
    console_write("built with Runtime=tflm but without TFLM (pass -p:TflmDir=<tflite-micro checkout> to run the model)\n");
    return 0;
#endif
}
