/* See mcuai_icount.h. */
#include "mcuai_icount.h"

#define CMSDK_TIMER0_CTRL (*(volatile uint32_t *)0x40000000u)
#define CMSDK_TIMER0_VALUE (*(volatile uint32_t *)0x40000004u)
#define CMSDK_TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)

/* Instructions a measurement adds to an empty function: timer reads, the call, the argument set-up. */
static uint32_t s_overhead;

uint32_t mcuai_icount_now(void)
{
    return CMSDK_TIMER0_VALUE;
}

uint32_t mcuai_icount_between(uint32_t start, uint32_t end)
{
    /* ticks * 40 / 2^shift instructions, rounded to nearest (ticks < 2^32, so 64 bits suffice). */
    uint64_t ticks = (uint64_t)(uint32_t)(start - end);
    return (uint32_t)((ticks * 40u + (1u << (MCUAI_ICOUNT_SHIFT - 1))) >> MCUAI_ICOUNT_SHIFT);
}

/* Kept out of line so that its call and return are real instructions, like a measured function's. */
static uint32_t __attribute__((noinline)) measure(void (*fn)(void *), void *arg)
{
    uint32_t start = mcuai_icount_now();
    fn(arg);
    uint32_t end = mcuai_icount_now();
    return mcuai_icount_between(start, end);
}

static void __attribute__((noinline)) empty(void *arg)
{
    (void)arg;
    __asm volatile("" ::: "memory");
}

void mcuai_icount_init(void)
{
    CMSDK_TIMER0_CTRL = 0u;
    CMSDK_TIMER0_RELOAD = 0xFFFFFFFFu;
    CMSDK_TIMER0_VALUE = 0xFFFFFFFFu;
    CMSDK_TIMER0_CTRL = 1u; /* enable, no interrupt */
    s_overhead = 0;
    /* The empty function executes one instruction (bx lr); the rest is the measurement's overhead. */
    s_overhead = measure(empty, 0) - 1u;
}

uint32_t mcuai_icount_call(void (*fn)(void *), void *arg)
{
    return measure(fn, arg) - s_overhead;
}
