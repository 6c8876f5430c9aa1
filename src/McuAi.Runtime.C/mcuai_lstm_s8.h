/* McuAi.Build C runtime: UNIDIRECTIONAL_SEQUENCE_LSTM with int8 activations, int8 weights, int32 bias and an int16
   cell state (TFLM's integer LSTM, lstm_eval.h), time-major or batch-major. The hidden and cell states are variable
   tensors: they live in the model's state buffer, persist across invocations and are cleared by init. */
#ifndef MCUAI_LSTM_S8_H_
#define MCUAI_LSTM_S8_H_

#include "mcuai_rt.h"

/* Gates in TFLM's order: 0 forget, 1 input, 2 cell, 3 output. All values prepared at build time by McuAi.Build
   (LstmLowering), from the interpreter's prepared op. */
typedef struct {
  int32_t steps;        /* steps per invocation: time steps (time-major) or batches * time steps */
  int32_t rows;         /* rows per step: the batches when time-major, else 1 */
  int32_t time_steps;   /* batch-major: the steps of one sequence (each sequence has its own state rows) */
  int32_t time_major;
  int32_t input_size, cells;
  /* Weights packed per cell: for each group of 4 columns (the last one zero-padded), the 4 gates' 4 bytes, so one cell's
     four gates are one run (16 bytes a group): [cells][ceil(input_size / 4)][4][4] and [cells][ceil(cells / 4)][4][4]. */
  const int8_t* input_weights;
  const int8_t* recurrent_weights;
  const int32_t* input_bias;        /* [4][cells]: gate bias + input offset * weight row sum (wrapping) */
  const int32_t* recurrent_bias;    /* [4][cells]: hidden offset * recurrent weight row sum (wrapping) */
  int32_t input_multiplier[4], input_shift[4];          /* input * weights -> Q3.12 */
  int32_t recurrent_multiplier[4], recurrent_shift[4];  /* hidden * recurrent weights -> Q3.12 */
  int32_t forget_cell_multiplier, forget_cell_shift;    /* forget gate * cell -> cell */
  int32_t input_cell_multiplier, input_cell_shift;      /* input gate * cell gate -> cell */
  int32_t cell_min, cell_max;                           /* the cell clip, or the int16 range */
  int32_t cell_tanh_multiplier, cell_tanh_shift;        /* cell -> tanh table units */
  int32_t hidden_multiplier, hidden_shift, hidden_zero_point; /* tanh(cell) * output gate -> hidden */
  const uint16_t* sigmoid_table;                        /* TFLite's 256-node int16 sigmoid table */
} mcuai_lstm_s8_params;

/* hidden: [batches][cells] int8, cell: [batches][cells] int16 (the state buffer);
   scratch: rows * (input_size + cells) int16 values and rows * cells bytes (mcuai_lstm_s8_scratch_bytes). */
void mcuai_lstm_s8(const mcuai_lstm_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output,
                   int8_t* MCUAI_RESTRICT hidden, int16_t* MCUAI_RESTRICT cell, void* MCUAI_RESTRICT scratch);

#endif
