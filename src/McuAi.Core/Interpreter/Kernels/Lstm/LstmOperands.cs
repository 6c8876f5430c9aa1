using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>The four gates of an LSTM, in the order TFLM's kernel evaluates them.</summary>
    public enum LstmGateIndex
    {
        Forget,
        Input,
        Cell,
        Output,
    }

    /// <summary>
    /// The operands of UNIDIRECTIONAL_SEQUENCE_LSTM by their place in the op's 24 inputs (TFLM's
    /// lstm_shared.h), checked as TFLM's Prepare checks them (ValidateTensorStatus, ValidateTensorSize):
    /// the standard LSTM only. Peephole, projection and layer-normalisation tensors, and a missing
    /// input gate (CIFG), are refused with a coded error because TFLM's kernel refuses them too.
    /// </summary>
    public sealed class LstmOperands
    {
        public const int InputIndex = 0, HiddenStateIndex = 18, CellStateIndex = 19, OperandCount = 24;
        private static readonly int[] s_inputWeights = { 2, 1, 3, 4 };     // forget, input, cell, output
        private static readonly int[] s_recurrentWeights = { 6, 5, 7, 8 };
        private static readonly int[] s_biases = { 13, 12, 14, 15 };

        /// <summary>The gates in evaluation order.</summary>
        public static readonly LstmGateIndex[] Gates = { LstmGateIndex.Forget, LstmGateIndex.Input, LstmGateIndex.Cell, LstmGateIndex.Output };

        private readonly PrepareContext _context;

        public LstmOperands(PrepareContext context)
        {
            _context = context;
            if (context.Inputs.Length != OperandCount || context.Outputs.Length != 1)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"UNIDIRECTIONAL_SEQUENCE_LSTM takes {OperandCount} inputs and 1 output, not {context.Inputs.Length} and {context.Outputs.Length}");
            RefuseVariants(context);
            Input = Required(InputIndex, "input");
            HiddenState = Required(HiddenStateIndex, "hidden (output) state");
            CellState = Required(CellStateIndex, "cell state");
            Output = context.Output(0);
            for (int k = 1; k <= 8; k++) Required(k, k <= 4 ? "input weights" : "recurrent weights");
            for (int k = 12; k <= 15; k++) Required(k, "gate bias");
            var options = context.RequireOptions();
            TimeMajor = options.GetBool("time_major");
            CellClip = options.GetFloat("cell_clip");
            var activation = options.FusedActivation;
            // The schema has no SIGMOID, so TANH is the only cell-gate activation TFLM's kernel can run
            // (any other trips its assertion).
            if (activation != ActivationFunctionType.TANH)
                throw context.Fail(DiagnosticCodes.InterpreterUnsupportedOption,
                    $"the cell gate's activation is {activation}; TFLM's LSTM kernel runs only TANH");
            if (!HiddenState.Info.IsVariable || !CellState.Info.IsVariable)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    "the hidden and cell states (inputs 18 and 19) must be variable tensors, as TFLM requires; re-export the model with a stateful LSTM");
            CheckTypes(context);
            Size = CheckShapes(context);
        }

        public RuntimeTensor Input { get; }
        public RuntimeTensor HiddenState { get; }
        public RuntimeTensor CellState { get; }
        public RuntimeTensor Output { get; }
        public bool TimeMajor { get; }
        public float CellClip { get; }
        public LstmSize Size { get; }

        public RuntimeTensor InputWeights(LstmGateIndex gate) => _context.Input(s_inputWeights[(int)gate]);
        public RuntimeTensor RecurrentWeights(LstmGateIndex gate) => _context.Input(s_recurrentWeights[(int)gate]);
        public RuntimeTensor Bias(LstmGateIndex gate) => _context.Input(s_biases[(int)gate]);

        private RuntimeTensor Required(int k, string role)
        {
            if (_context.Inputs[k] is { } tensor) return tensor;
            string why = k == 1 || k == 5 || k == 12
                ? " (a coupled input-forget gate, CIFG, which TFLM's LSTM kernel does not support)"
                : "";
            throw _context.Fail(k == 1 || k == 5 || k == 12 ? DiagnosticCodes.InterpreterUnsupportedOption : DiagnosticCodes.InvalidOperator,
                $"input {k} ({role}) is missing{why}");
        }

        private static void RefuseVariants(PrepareContext context)
        {
            foreach (var (first, last, variant) in new[] { (9, 11, "peephole weights"), (16, 17, "a projection layer"), (20, 23, "layer normalisation") })
                for (int k = first; k <= last; k++)
                    if (context.Inputs[k] is not null)
                        throw context.Fail(DiagnosticCodes.InterpreterUnsupportedOption,
                            $"input {k} gives the LSTM {variant}; TFLM's LSTM kernel supports only the standard LSTM (no peephole, projection or layer normalisation), so neither does the interpreter");
        }

        private void CheckTypes(PrepareContext context)
        {
            var weightType = InputWeights(LstmGateIndex.Forget).Type;
            var biasType = Bias(LstmGateIndex.Forget).Type;
            foreach (var gate in Gates)
            {
                foreach (var w in new[] { InputWeights(gate), RecurrentWeights(gate) })
                {
                    if (w.Type != weightType) throw context.UnsupportedType(w);
                    QuantizedMultipliers.RequireConstant(w, context);
                }
                if (Bias(gate).Type != biasType) throw context.UnsupportedType(Bias(gate));
                QuantizedMultipliers.RequireConstant(Bias(gate), context);
            }
            if (HiddenState.Type != Input.Type) throw context.UnsupportedType(HiddenState);
            if (Output.Type != Input.Type) throw context.UnsupportedType(Output);
            var expected = (Input.Type, CellState.Type) switch
            {
                (TensorType.FLOAT32, TensorType.FLOAT32) => (TensorType.FLOAT32, TensorType.FLOAT32),
                (TensorType.INT8, TensorType.INT16) => (TensorType.INT8, TensorType.INT32),
                (TensorType.INT16, TensorType.INT16) => (TensorType.INT8, TensorType.INT64),
                _ => throw context.UnsupportedType(Input.Type is TensorType.FLOAT32 or TensorType.INT8 or TensorType.INT16 ? CellState : Input),
            };
            if (weightType != expected.Item1) throw context.UnsupportedType(InputWeights(LstmGateIndex.Forget));
            if (biasType != expected.Item2)
                throw context.UnsupportedType(Bias(LstmGateIndex.Forget));
            if (weightType == TensorType.INT8)
                foreach (int k in s_inputWeights.Concat(s_recurrentWeights))
                    if (context.Input(k).Scales.Length > 1)
                        throw context.Fail(DiagnosticCodes.InterpreterUnsupportedOption,
                            $"weights '{context.Input(k).Name}' are quantized per channel; TFLM's integer LSTM uses one scale per weight tensor");
        }

        private LstmSize CheckShapes(PrepareContext context)
        {
            if (Input.Rank != 3)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"input '{Input.Name}' must have 3 dimensions ([batch, time, input] or time-major [time, batch, input])");
            if (HiddenState.Rank < 2)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"hidden state '{HiddenState.Name}' must have 2 dimensions [batch, cells]");
            int batches = Input.Shape[TimeMajor ? 1 : 0], steps = Input.Shape[TimeMajor ? 0 : 1], inputSize = Input.Shape[2];
            int cells = HiddenState.Shape[1];
            string Dims(RuntimeTensor t) => "[" + string.Join(",", t.Shape) + "]";
            foreach (var gate in Gates)
            {
                var w = InputWeights(gate);
                var r = RecurrentWeights(gate);
                var b = Bias(gate);
                if (w.Rank != 2 || w.Shape[0] != cells || w.Shape[1] != inputSize)
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"{gate} gate input weights '{w.Name}' are {Dims(w)}, not [{cells},{inputSize}]");
                if (r.Rank != 2 || r.Shape[0] != cells || r.Shape[1] != cells)
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"{gate} gate recurrent weights '{r.Name}' are {Dims(r)}, not [{cells},{cells}]");
                if (b.Rank != 1 || b.Shape[0] != cells)
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"{gate} gate bias '{b.Name}' is {Dims(b)}, not [{cells}]");
            }
            if (HiddenState.ElementCount != (long)batches * cells || CellState.ElementCount != (long)batches * cells)
                throw context.Fail(DiagnosticCodes.InvalidOperator,
                    $"the states {Dims(HiddenState)} and {Dims(CellState)} must hold {batches} × {cells} values");
            if (Output.Rank != 3 || Output.Shape[0] != Input.Shape[0] || Output.Shape[1] != Input.Shape[1] || Output.Shape[2] != cells)
                throw context.Fail(DiagnosticCodes.InvalidOperator, $"output '{Output.Name}' is {Dims(Output)}, not [{Input.Shape[0]},{Input.Shape[1]},{cells}]");
            return new LstmSize(TimeMajor, batches, steps, inputSize, cells);
        }
    }
}
