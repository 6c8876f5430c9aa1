/* Console of the samples: the CMSDK UART0 of the MPS2 board on the target, stdout on the host. */
#include "console.h"

#include <stdio.h>

#if defined(__arm__) && !defined(__linux__)
#define UART0_DATA (*(volatile unsigned int *)0x40004000u)
#define UART0_STATE (*(volatile unsigned int *)0x40004004u)
#define UART0_CTRL (*(volatile unsigned int *)0x40004008u)

void console_write(const char *text)
{
    UART0_CTRL = 1u; /* TX enable */
    for (; *text; ++text)
    {
        while (UART0_STATE & 1u) {} /* TX buffer full */
        UART0_DATA = (unsigned char)*text;
    }
}

/* Ends the QEMU run through semihosting (run QEMU with -semihosting) with main's return value as QEMU's exit
   code (SYS_EXIT_EXTENDED); on a board, stops here. */
void mcuai_sample_exit(int code)
{
    static unsigned int block[2];
    block[0] = 0x20026u;                                      /* ADP_Stopped_ApplicationExit */
    block[1] = (unsigned int)code;
    register unsigned int reason __asm__("r0") = 0x20u;      /* SYS_EXIT_EXTENDED */
    register unsigned int *arg __asm__("r1") = block;
    __asm volatile("bkpt 0xAB" : : "r"(reason), "r"(arg) : "memory");
    for (;;) {}
}
#else
void console_write(const char *text)
{
    fputs(text, stdout);
}
#endif

void console_printf_u(const char *label, unsigned long value, const char *unit)
{
    char line[160];
    snprintf(line, sizeof line, "%s%lu%s\n", label, value, unit);
    console_write(line);
}
