/* KeywordSpotting firmware: two models in one image, each compiled to C by McuAi.Build (Runtime="c"), run through
   their generated C API. For each model: its self-test (3 vectors with the outputs McuAi.Build's interpreter,
   bit-exact with TFLM, computed for them), the instructions of one inference (CMSDK timer 0, exact under QEMU with
   -icount), its RAM and its flash data. */
#include <stdio.h>

#include "console.h"
#include "mcuai_models.h"
#include "micro_speech_model.h"
#include "micro_speech_selftest.h"
#include "person_detection_model.h"
#include "person_detection_selftest.h"
#include "timer.h"

#ifndef MCUAI_QEMU_ICOUNT_SHIFT
#define MCUAI_QEMU_ICOUNT_SHIFT 5
#endif

typedef struct {
    const char* name;
    int (*init)(void);
    int (*invoke)(void);
    int (*selftest)(void);
    void (*load)(int k);
    size_t (*ram)(void);
    unsigned long flash;
} model;

static int run(const model* m)
{
    char line[128];
    unsigned long ticks;
    int mismatches = m->selftest();
    if (m->init() != 0) return 1;
    m->load(1);
    mcuai_timer_start();
    if (m->invoke() != 0) return 1;
    ticks = mcuai_timer_ticks();
    snprintf(line, sizeof line, "%s: self-test mismatches %d, RAM %lu bytes, flash data %lu bytes, instructions per inference %lu\n",
             m->name, mismatches, (unsigned long)m->ram(), m->flash, ticks * 40ul >> MCUAI_QEMU_ICOUNT_SHIFT);
    console_write(line);
    return mismatches == 0 ? 0 : 1;
}

int main(void)
{
    static const model models[] = {
        { "micro_speech", micro_speech_init, micro_speech_invoke, micro_speech_selftest, micro_speech_selftest_load,
          micro_speech_arena_used_bytes, micro_speech_model_data_bytes },
        { "person_detection", person_detection_init, person_detection_invoke, person_detection_selftest, person_detection_selftest_load,
          person_detection_arena_used_bytes, person_detection_model_data_bytes },
    };
    int failed = 0;
    unsigned i;
    console_write("McuAi.Build KeywordSpotting\n");
#if MCUAI_SAMPLE_CAN_RUN
    for (i = 0; i < sizeof models / sizeof models[0]; ++i) failed += run(&models[i]);
#else
    (void)models; (void)i;
    console_write("built with Runtime=tflm but without TFLM (pass -p:TflmDir=<tflite-micro checkout> to run the models)\n");
#endif
    console_printf_u("RAM of both models: ", (unsigned long)mcuai_arena_size_concurrent, " bytes");
    return failed;
}
