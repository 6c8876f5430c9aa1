/* McuAi.Build C runtime: UNIDIRECTIONAL_SEQUENCE_LSTM in float32 (TFLM's float LSTM), time-major or batch-major. The
   hidden and cell states are variable tensors: they live in the model's state buffer, persist across invocations and
   are cleared by init. */
#ifndef MCUAI_LSTM_F32_H_
#define MCUAI_LSTM_F32_H_

#include "mcuai_rt.h"

/* Gates in TFLM's order: 0 forget, 1 input, 2 cell, 3 output. Prepared at build time by McuAi.Build (LstmLowering). */
typedef struct {
  int32_t steps;        /* steps per invocation: time steps (time-major) or batches * time steps */
  int32_t rows;         /* rows per step: the batches when time-major, else 1 */
  int32_t time_steps;   /* batch-major: the steps of one sequence (each sequence has its own state rows) */
  int32_t time_major;
  int32_t input_size, cells;
  const float* input_weights;      /* [4][cells][input_size] */
  const float* recurrent_weights;  /* [4][cells][cells] */
  const float* bias;               /* [4][cells] */
  float cell_clip;                 /* 0: none */
} mcuai_lstm_f32_params;

/* hidden, cell: [batches][cells] (the state buffer); scratch: rows * cells floats (the previous hidden rows). */
void mcuai_lstm_f32(const mcuai_lstm_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output,
                    float* MCUAI_RESTRICT hidden, float* MCUAI_RESTRICT cell, void* MCUAI_RESTRICT scratch);

#endif
