/* McuAi.Build C runtime: integer LSTM. Per step and per cell (the four gates of a cell depend only on the step's input
   rows and the previous hidden rows, so a cell is finished before the next one starts and no gate vector is stored):
   each gate is sat16(FC(input) + FC(hidden)), each FC rescaled to Q3.12 and clamped to int16 first; sigmoid (forget,
   input, output) or tanh (cell gate) in Q0.15; cell = sat16(forget * cell + input * cell gate), each product rescaled,
   then clipped; hidden = tanh(cell) * output gate rescaled to the hidden state, which is also the step's output.
   The previous hidden rows are copied to scratch first (a cell's new hidden value must not feed the next cell). */
#include "mcuai_lstm_s8.h"

#include "mcuai_dot_s8.h"
#include "mcuai_sigmoid_s16.h"

MCUAI_INLINE int32_t sat16(int32_t x) { return mcuai_clamp_i32(x, -32768, 32767); }

/* One gate's pre-activation for cell c of one row: x and h as the dot product reads them (wide: the DSP path's). */
MCUAI_INLINE int32_t gate(const mcuai_lstm_s8_params* p, int g, int32_t c, const int8_t* x, const int16_t* x_wide,
                          const int8_t* h, const int16_t* h_wide)
{
  const int32_t k = g * p->cells + c;
  const int32_t from_input = (int32_t)((uint32_t)mcuai_dot_s8_widened(p->input_weights + (size_t)k * p->input_size, x, x_wide, p->input_size)
                                       + (uint32_t)p->input_bias[k]);
  const int32_t from_hidden = (int32_t)((uint32_t)mcuai_dot_s8_widened(p->recurrent_weights + (size_t)k * p->cells, h, h_wide, p->cells)
                                        + (uint32_t)p->recurrent_bias[k]);
  return sat16(sat16(mcuai_mbqm(from_input, p->input_multiplier[g], p->input_shift[g]))
               + sat16(mcuai_mbqm(from_hidden, p->recurrent_multiplier[g], p->recurrent_shift[g])));
}

void mcuai_lstm_s8(const mcuai_lstm_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output,
                   int8_t* MCUAI_RESTRICT hidden, int16_t* MCUAI_RESTRICT cell, void* MCUAI_RESTRICT scratch)
{
  const int32_t rows = p->rows, cells = p->cells, input_size = p->input_size;
  int16_t* x_wide = (int16_t*)scratch;
  int16_t* h_wide = x_wide + (size_t)rows * input_size;
  int8_t* h_old = (int8_t*)(h_wide + (size_t)rows * cells);
  const uint16_t* table = p->sigmoid_table;
  int32_t step;
  for (step = 0; step < p->steps; ++step) {
    const int8_t* x_rows = input + (size_t)step * rows * input_size;
    int8_t* out_rows = output + (size_t)step * rows * cells;
    const size_t state = p->time_major ? 0 : (size_t)(step / p->time_steps) * cells;
    int32_t r;
    memcpy(h_old, hidden + state, (size_t)rows * cells);
#if MCUAI_HAVE_DSP
    for (r = 0; r < rows; ++r) {
      mcuai_widen_s8_pairs(x_rows + (size_t)r * input_size, input_size, x_wide + (size_t)r * input_size);
      mcuai_widen_s8_pairs(h_old + (size_t)r * cells, cells, h_wide + (size_t)r * cells);
    }
#endif
    for (r = 0; r < rows; ++r) {
      const int8_t* x = x_rows + (size_t)r * input_size;
      const int16_t* xw = x_wide + (size_t)r * input_size;
      const int8_t* h = h_old + (size_t)r * cells;
      const int16_t* hw = h_wide + (size_t)r * cells;
      int16_t* cell_row = cell + state + (size_t)r * cells;
      int8_t* hidden_row = hidden + state + (size_t)r * cells;
      int32_t c;
      for (c = 0; c < cells; ++c) {
        /* The gate inputs are Q3.12: table units are 3x (TFLite's multiplier 3, shift 0). */
        const int32_t forget = mcuai_logistic_s16(table, 3 * gate(p, 0, c, x, xw, h, hw));
        const int32_t in = mcuai_logistic_s16(table, 3 * gate(p, 1, c, x, xw, h, hw));
        const int32_t candidate = mcuai_tanh_s16(table, 3 * gate(p, 2, c, x, xw, h, hw));
        const int32_t out = mcuai_logistic_s16(table, 3 * gate(p, 3, c, x, xw, h, hw));
        const int32_t kept = sat16(mcuai_mbqm(forget * cell_row[c], p->forget_cell_multiplier, p->forget_cell_shift));
        const int32_t added = sat16(mcuai_mbqm(in * candidate, p->input_cell_multiplier, p->input_cell_shift));
        const int32_t new_cell = mcuai_clamp_i32(sat16(kept + added), p->cell_min, p->cell_max);
        const int32_t squashed = mcuai_tanh_s16(table, mcuai_sigmoid_units_s16(new_cell, p->cell_tanh_multiplier, p->cell_tanh_shift));
        const int8_t value = (int8_t)mcuai_clamp_i32(p->hidden_zero_point + mcuai_mbqm(squashed * out, p->hidden_multiplier, p->hidden_shift), -128, 127);
        cell_row[c] = (int16_t)new_cell;
        hidden_row[c] = value;
        out_rows[(size_t)r * cells + c] = value;
      }
    }
  }
}
