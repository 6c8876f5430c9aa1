/* See mcuai_icount.h. */
#include "mcuai_icount.h"

#include "timer.h"

/* Instructions a measurement adds to the measured function: starting and reading the timer, the call. */
static uint32_t s_overhead;

/* Out of line, so that the call and return around fn are real instructions in every measurement alike. */
static uint32_t __attribute__((noinline)) measure(void (*fn)(void *), void *arg)
{
    unsigned long ticks;
    mcuai_timer_start();
    fn(arg);
    ticks = mcuai_timer_ticks();
    /* ticks * 40 / 2^shift, rounded to the nearest instruction (64 bits: ticks may use all 32). */
    return (uint32_t)(((uint64_t)ticks * 40u + (1u << (MCUAI_ICOUNT_SHIFT - 1))) >> MCUAI_ICOUNT_SHIFT);
}

static void __attribute__((noinline)) empty(void *arg)
{
    (void)arg;
    __asm volatile("" ::: "memory");
}

void mcuai_icount_init(void)
{
    /* The empty function executes one instruction (bx lr); the rest is the measurement's own. */
    s_overhead = measure(empty, 0) - 1u;
}

uint32_t mcuai_icount_call(void (*fn)(void *), void *arg)
{
    return measure(fn, arg) - s_overhead;
}
