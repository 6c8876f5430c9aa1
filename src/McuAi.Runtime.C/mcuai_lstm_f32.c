/* McuAi.Build C runtime: float LSTM. Per step and per cell (a cell's four gates depend only on the step's input rows
   and the previous hidden rows, which are copied to scratch first): gate = act(W x + b + R h), sigmoid for the forget,
   input and output gates and tanh for the cell gate; cell = forget * cell + input * cell gate, clipped to +-cell_clip
   when set; hidden = tanh(cell) * output gate, also the step's output. The sigmoid is TFLite's (cut-offs included). */
#include "mcuai_lstm_f32.h"

#include <math.h>

static float dot_f32(const float* a, const float* b, int32_t n)
{
  float sum = 0.0f;
  int32_t i;
  for (i = 0; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

static float sigmoid_f32(float v)
{
  if (v > 16.619047164916992188f) return 1.0f;
  if (v < -9.0f) return expf(v);
  return 1.0f / (1.0f + expf(-v));
}

/* One gate's pre-activation for cell c of one row. */
MCUAI_INLINE float gate(const mcuai_lstm_f32_params* p, int g, int32_t c, const float* x, const float* h)
{
  const int32_t k = g * p->cells + c;
  const float from_input = dot_f32(p->input_weights + (size_t)k * p->input_size, x, p->input_size) + p->bias[k];
  return from_input + dot_f32(p->recurrent_weights + (size_t)k * p->cells, h, p->cells);
}

void mcuai_lstm_f32(const mcuai_lstm_f32_params* p, const float* MCUAI_RESTRICT input, float* MCUAI_RESTRICT output,
                    float* MCUAI_RESTRICT hidden, float* MCUAI_RESTRICT cell, void* MCUAI_RESTRICT scratch)
{
  const int32_t rows = p->rows, cells = p->cells, input_size = p->input_size;
  float* h_old = (float*)scratch;
  int32_t step;
  for (step = 0; step < p->steps; ++step) {
    const float* x_rows = input + (size_t)step * rows * input_size;
    float* out_rows = output + (size_t)step * rows * cells;
    const size_t state = p->time_major ? 0 : (size_t)(step / p->time_steps) * cells;
    int32_t r, c;
    memcpy(h_old, hidden + state, (size_t)rows * cells * sizeof(float));
    for (r = 0; r < rows; ++r) {
      const float* x = x_rows + (size_t)r * input_size;
      const float* h = h_old + (size_t)r * cells;
      float* cell_row = cell + state + (size_t)r * cells;
      float* hidden_row = hidden + state + (size_t)r * cells;
      for (c = 0; c < cells; ++c) {
        const float forget = sigmoid_f32(gate(p, 0, c, x, h));
        const float in = sigmoid_f32(gate(p, 1, c, x, h));
        const float candidate = tanhf(gate(p, 2, c, x, h));
        const float out = sigmoid_f32(gate(p, 3, c, x, h));
        float value = forget * cell_row[c] + in * candidate;
        if (p->cell_clip > 0.0f) value = value > p->cell_clip ? p->cell_clip : (value < -p->cell_clip ? -p->cell_clip : value);
        cell_row[c] = value;
        hidden_row[c] = tanhf(value) * out;
        out_rows[(size_t)r * cells + c] = hidden_row[c];
      }
    }
  }
}
