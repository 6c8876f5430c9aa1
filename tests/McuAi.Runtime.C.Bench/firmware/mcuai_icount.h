/* Instruction counting on QEMU's Cortex-M4 board (mps2-an386) run with `-icount shift=N`.

   With -icount, QEMU's virtual clock advances exactly 2^N ns per executed instruction, and the
   board's CMSDK timer0 counts down at 25 MHz (one tick per 40 ns) of that virtual clock. So the
   ticks between two reads of the timer are (instructions between the reads) * 2^N / 40.
   MCUAI_ICOUNT_SHIFT must equal the N that QEMU runs with; 7 (3.2 ticks per instruction) resolves
   single instructions and counts up to 2^32 / 3.2 = 1.34e9 instructions without wrapping.
   On real hardware the same code counts 25 MHz timer ticks, not instructions. */
#ifndef MCUAI_ICOUNT_H_
#define MCUAI_ICOUNT_H_

#include <stdint.h>

#ifndef MCUAI_ICOUNT_SHIFT
#define MCUAI_ICOUNT_SHIFT 7
#endif

/* Starts timer0 free-running from 0xFFFFFFFF and measures the cost of an empty call (subtracted by
   mcuai_icount_call). Call once before measuring. */
void mcuai_icount_init(void);

/* The timer's current value (counts down). */
uint32_t mcuai_icount_now(void);

/* Instructions executed between two readings of mcuai_icount_now() (start first, end later),
   rounded to the nearest instruction. Includes the reading instruction itself. */
uint32_t mcuai_icount_between(uint32_t start, uint32_t end);

/* Instructions that fn(arg) executes, from its first instruction to its return, excluding the
   call's own overhead (argument set-up, the branch, the timer reads): an empty function counts 1
   (its `bx lr`). */
uint32_t mcuai_icount_call(void (*fn)(void *), void *arg);

#endif
