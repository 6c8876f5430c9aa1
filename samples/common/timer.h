#ifndef MCUAI_SAMPLE_TIMER_H
#define MCUAI_SAMPLE_TIMER_H

#ifdef __cplusplus
extern "C" {
#endif

/* Starts the CMSDK timer 0 of the MPS2 board (25 MHz) from its largest value; a no-op on the host. */
void mcuai_timer_start(void);
/* Timer ticks since mcuai_timer_start (0 on the host). Under `qemu-system-arm -icount shift=N` the virtual
   clock advances 2^N ns per instruction, so instructions = ticks * 40 / 2^N (shift=5: ticks * 1.25). */
unsigned long mcuai_timer_ticks(void);

#ifdef __cplusplus
}
#endif

#endif
