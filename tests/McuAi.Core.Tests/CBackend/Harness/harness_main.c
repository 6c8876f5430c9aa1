/* Test harness of the C backend: runs a model's self-test vectors one by one through its C API and prints, per
   vector, the mismatching output values and the ticks of the CMSDK timer around invoke (Cortex-M4 under QEMU with
   -icount; 0 on the host). Built with -DMCUAI_SYMBOL=<symbol>. Exit code 0 when every output matches. */
#include <stdio.h>

#include "console.h"
#include "timer.h"

#define MCUAI_CAT2(a, b) a##_##b
#define MCUAI_CAT(a, b) MCUAI_CAT2(a, b)
#define SYM(name) MCUAI_CAT(MCUAI_SYMBOL, name)
#define MCUAI_STR2(x) #x
#define MCUAI_STR(x) MCUAI_STR2(x)

#include MCUAI_STR(MCUAI_SYMBOL_HEADER)
#include MCUAI_STR(MCUAI_SELFTEST_HEADER)

int main(void)
{
  int k, bad = 0;
  if (SYM(init)() != 0) {
    console_write("init failed\n");
    return 2;
  }
  for (k = 0; k < SYM(selftest_count); ++k) {
    unsigned long ticks;
    int mismatches;
    char line[96];
    SYM(selftest_load)(k);
    mcuai_timer_start();
    if (SYM(invoke)() != 0) {
      console_write("invoke failed\n");
      return 3;
    }
    ticks = mcuai_timer_ticks();
    mismatches = SYM(selftest_check)(k);
    snprintf(line, sizeof line, "vector %d: mismatches %d ticks %lu\n", k, mismatches, ticks);
    console_write(line);
    bad += mismatches;
  }
  console_printf_u("ram ", (unsigned long)SYM(arena_used_bytes)(), " bytes");
  console_write(bad == 0 ? "result: PASS\n" : "result: FAIL\n");
  return bad == 0 ? 0 : 1;
}
