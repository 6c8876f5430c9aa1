/* Instruction counting on QEMU's Cortex-M4 board (mps2-an386) run with `-icount shift=N`.

   With -icount, QEMU's virtual clock advances exactly 2^N ns per executed instruction, and the board's
   CMSDK timer 0 (samples/common/timer.c) counts down at 25 MHz (one tick per 40 ns) of that virtual
   clock, so the ticks around a call are (instructions) * 2^N / 40. MCUAI_ICOUNT_SHIFT must equal the N
   QEMU runs with: at 7 a tick is 0.3125 instructions, so rounding gives the exact count (calibrate.c
   checks it), up to 2^32 ticks = 1.34e9 instructions. On real hardware the same code would count
   25 MHz timer ticks, not instructions. */
#ifndef MCUAI_ICOUNT_H_
#define MCUAI_ICOUNT_H_

#include <stdint.h>

#ifndef MCUAI_ICOUNT_SHIFT
#define MCUAI_ICOUNT_SHIFT 7
#endif

/* Measures the cost of measuring (an empty call), subtracted from every count. Call once first. */
void mcuai_icount_init(void);

/* Instructions that fn(arg) executes, from its first instruction to its return (an empty function counts
   1, its `bx lr`): the call's own set-up, branch and the timer accesses are not counted. */
uint32_t mcuai_icount_call(void (*fn)(void *), void *arg);

#endif
