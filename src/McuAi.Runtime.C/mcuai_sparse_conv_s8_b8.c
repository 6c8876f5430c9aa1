/* McuAi.Build C runtime: block-sparse CONV_2D / FULLY_CONNECTED with blocks of 8 weights. See mcuai_sparse_conv_s8.h. */
#include "mcuai_sparse_conv_s8_b8.h"
#include "mcuai_conv_s8.h" /* mcuai_conv_run: McuAi.Build copies mcuai_conv_s8.c with this file */
#include "mcuai_rescale_s8.h" /* mcuai_rescale_exact_clamped: McuAi.Build copies mcuai_rescale_s8.c with this file */

#define MCUAI_SPARSE_BLOCK 8
#include "mcuai_sparse_conv_s8_rows.h"

void mcuai_sparse_conv_s8_b8(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(&p->conv, input, output, scratch, &s_sparse_rows);
}

void mcuai_sparse_conv_s8_b8_fast(const mcuai_sparse_conv_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output, void* scratch)
{
  mcuai_conv_run(&p->conv, input, output, scratch, &s_sparse_rows_fast);
}
