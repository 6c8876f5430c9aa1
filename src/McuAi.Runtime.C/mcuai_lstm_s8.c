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

/* acc[g] += the dot product of gate g's weights with x over n columns, for the 4 gates of one cell: w is the cell's
   packed block (groups of 4 columns, 4 gates x 4 bytes each). The DSP path reads x widened (mcuai_widen_s8_pairs):
   one load of the activations serves the four gates. Sums wrap in 32 bits, as TFLM's. */
MCUAI_INLINE void gates_dot(const int8_t* w, const int8_t* x, const int16_t* wide, int32_t n, int32_t acc[4])
{
  int32_t q = 0, g, j;
#if MCUAI_HAVE_DSP
  (void)x;
  int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3]; /* in registers through the loop */
  for (; q + 4 <= n; q += 4, w += 16) {
    uint32_t x02, x13, w0, w1, w2, w3;
    memcpy(&x02, wide + q, 4);
    memcpy(&x13, wide + q + 2, 4);
    memcpy(&w0, w, 4);
    memcpy(&w1, w + 4, 4);
    memcpy(&w2, w + 8, 4);
    memcpy(&w3, w + 12, 4);
    a0 = mcuai_smlad(mcuai_sxtb16_ror8(w0), x13, mcuai_smlad(mcuai_sxtb16(w0), x02, a0));
    a1 = mcuai_smlad(mcuai_sxtb16_ror8(w1), x13, mcuai_smlad(mcuai_sxtb16(w1), x02, a1));
    a2 = mcuai_smlad(mcuai_sxtb16_ror8(w2), x13, mcuai_smlad(mcuai_sxtb16(w2), x02, a2));
    a3 = mcuai_smlad(mcuai_sxtb16_ror8(w3), x13, mcuai_smlad(mcuai_sxtb16(w3), x02, a3));
  }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
  if (q < n)
    for (g = 0; g < 4; ++g)
      for (j = 0; q + j < n; ++j) acc[g] = (int32_t)((uint32_t)acc[g] + (uint32_t)((int32_t)w[g * 4 + j] * wide[q + j]));
#else
  (void)wide;
  for (; q < n; q += 4, w += 16)
    for (g = 0; g < 4; ++g) {
      int32_t sum = 0;
      for (j = 0; j < 4 && q + j < n; ++j) sum += (int32_t)w[g * 4 + j] * x[q + j];
      acc[g] = (int32_t)((uint32_t)acc[g] + (uint32_t)sum);
    }
#endif
}

void mcuai_lstm_s8(const mcuai_lstm_s8_params* p, const int8_t* MCUAI_RESTRICT input, int8_t* MCUAI_RESTRICT output,
                   int8_t* MCUAI_RESTRICT hidden, int16_t* MCUAI_RESTRICT cell, void* MCUAI_RESTRICT scratch)
{
  const int32_t rows = p->rows, cells = p->cells, input_size = p->input_size;
  int16_t* x_wide = (int16_t*)scratch;
  int16_t* h_wide = x_wide + (size_t)rows * input_size;
  int8_t* h_old = (int8_t*)(h_wide + (size_t)rows * cells);
  const uint16_t* table = p->sigmoid_table;
  const size_t input_block = (size_t)16 * ((input_size + 3) / 4), recurrent_block = (size_t)16 * ((cells + 3) / 4);
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
        int32_t from_input[4], from_hidden[4], pre[4], g;
        for (g = 0; g < 4; ++g) {
          from_input[g] = p->input_bias[g * cells + c];
          from_hidden[g] = p->recurrent_bias[g * cells + c];
        }
        gates_dot(p->input_weights + (size_t)c * input_block, x, xw, input_size, from_input);
        gates_dot(p->recurrent_weights + (size_t)c * recurrent_block, h, hw, cells, from_hidden);
        /* Each FC rescaled to Q3.12 and clamped, then added with saturation. */
        for (g = 0; g < 4; ++g)
          pre[g] = sat16(sat16(mcuai_mbqm(from_input[g], p->input_multiplier[g], p->input_shift[g]))
                         + sat16(mcuai_mbqm(from_hidden[g], p->recurrent_multiplier[g], p->recurrent_shift[g])));
        /* The gate inputs are Q3.12: table units are 3x (TFLite's multiplier 3, shift 0). */
        const int32_t forget = mcuai_logistic_s16(table, 3 * pre[0]);
        const int32_t in = mcuai_logistic_s16(table, 3 * pre[1]);
        const int32_t candidate = mcuai_tanh_s16(table, 3 * pre[2]);
        const int32_t out = mcuai_logistic_s16(table, 3 * pre[3]);
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
