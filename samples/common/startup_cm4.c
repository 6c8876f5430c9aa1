/* Minimal Cortex-M4 start-up for the samples: vector table, .data/.bss set-up, FPU on, C++ constructors, main. */
#include <stdint.h>

extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);
int main(void);
void Reset_Handler(void);
void Default_Handler(void);
void mcuai_sample_exit(int code);

__attribute__((section(".vectors"), used))
void (*const g_vectors[16])(void) = {
    (void (*)(void))(&_estack), Reset_Handler,
    Default_Handler, Default_Handler, Default_Handler, Default_Handler, Default_Handler, 0, 0, 0, 0,
    Default_Handler, Default_Handler, 0, Default_Handler, Default_Handler,
};

void Reset_Handler(void)
{
    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;) *dst++ = 0;
    /* CP10 and CP11 full access: the code is built for the hardware FPU. */
    *(volatile uint32_t *)0xE000ED88u |= (0xFu << 20);
    __asm volatile("dsb\n isb");
    for (void (**f)(void) = __init_array_start; f < __init_array_end; ++f) (*f)();
    mcuai_sample_exit(main());
}

void Default_Handler(void)
{
    for (;;) {}
}
