#ifndef MCUAI_SAMPLE_CONSOLE_H
#define MCUAI_SAMPLE_CONSOLE_H

#ifdef __cplusplus
extern "C" {
#endif

void console_write(const char *text);
/* Prints "<label><value><unit>\n". */
void console_printf_u(const char *label, unsigned long value, const char *unit);

#ifdef __cplusplus
}
#endif

#endif
