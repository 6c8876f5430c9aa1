/* Instruction counting for the samples and tests: the CMSDK timer 0 of the MPS2 board, read around a call. */
#include "timer.h"

#if defined(__arm__) && !defined(__linux__)
#define TIMER0_CTRL (*(volatile unsigned int *)0x40000000u)
#define TIMER0_VALUE (*(volatile unsigned int *)0x40000004u)
#define TIMER0_RELOAD (*(volatile unsigned int *)0x40000008u)

void mcuai_timer_start(void)
{
    TIMER0_CTRL = 0u;
    TIMER0_RELOAD = 0xFFFFFFFFu;
    TIMER0_VALUE = 0xFFFFFFFFu;
    TIMER0_CTRL = 1u; /* enable, no interrupt: counts down at the board clock */
}

unsigned long mcuai_timer_ticks(void)
{
    return 0xFFFFFFFFul - (unsigned long)TIMER0_VALUE;
}
#else
void mcuai_timer_start(void)
{
}

unsigned long mcuai_timer_ticks(void)
{
    return 0;
}
#endif
