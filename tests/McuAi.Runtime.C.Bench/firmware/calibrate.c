/* Calibration of the instruction counter: functions whose instruction counts are known exactly
   (hand-written Thumb-2 loops and straight-line code) are measured and compared. Prints one line per
   case, "calibrate <name> expected <n> measured <m>", and exits with the number of mismatches. */
#include <stdint.h>
#include <stdio.h>

#include "console.h"
#include "mcuai_icount.h"

/* n iterations of a 2-instruction loop, then bx lr: 2n + 1 instructions. */
static void __attribute__((noinline, naked)) loop2(void *n)
{
    (void)n;
    __asm volatile("1: subs r0, r0, #1\n bne 1b\n bx lr\n");
}

/* n iterations of a 6-instruction loop, then bx lr: 6n + 1 instructions. */
static void __attribute__((noinline, naked)) loop6(void *n)
{
    (void)n;
    __asm volatile("1: nop\n nop\n nop\n nop\n subs r0, r0, #1\n bne 1b\n bx lr\n");
}

/* 1000 straight-line instructions, then bx lr: 1001 instructions. */
static void __attribute__((noinline, naked)) straight1000(void *unused)
{
    (void)unused;
    __asm volatile(".rept 1000\n nop\n .endr\n bx lr\n");
}

/* A load/multiply-heavy loop like a kernel's (ldr, smlad, ldm): 8 instructions per iteration + 3. */
extern uint32_t g_calibrate_data[8];
uint32_t g_calibrate_data[8];
static void __attribute__((noinline, naked)) dsp_loop(void *n)
{
    (void)n;
    __asm volatile(
        "push {r4, r5}\n"
        "1: ldr r1, =g_calibrate_data\n ldm r1, {r2, r3}\n smlad r4, r2, r3, r4\n smlad r5, r2, r3, r5\n"
        " ldr r2, [r1, #8]\n add r4, r4, r2\n subs r0, r0, #1\n bne 1b\n"
        "pop {r4, r5}\n bx lr\n .ltorg\n");
}

static int check(const char *name, void (*fn)(void *), uintptr_t arg, uint32_t expected)
{
    char line[96];
    uint32_t measured = mcuai_icount_call(fn, (void *)arg);
    snprintf(line, sizeof line, "calibrate %s expected %lu measured %lu\n", name, (unsigned long)expected, (unsigned long)measured);
    console_write(line);
    return measured == expected ? 0 : 1;
}

int main(void)
{
    int failures = 0;
    mcuai_icount_init();
    failures += check("loop2x1", loop2, 1, 3);
    failures += check("loop2x10", loop2, 10, 21);
    failures += check("loop2x1000000", loop2, 1000000, 2000001);
    failures += check("loop6x100000", loop6, 100000, 600001);
    failures += check("straight1000", straight1000, 0, 1001);
    failures += check("dsp_loop8x50000", dsp_loop, 50000, 8u * 50000u + 3u);
    console_printf_u("calibrate failures ", (unsigned long)failures, "");
    return failures;
}
