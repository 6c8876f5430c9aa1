using System.Linq;
using McuAi.Memory;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Memory
{
    /// <summary>
    /// UNIDIRECTIONAL_SEQUENCE_LSTM's arena footprint: the LSTM models' figures equal TFLM's to the byte
    /// (golden.json), and the kernel's allocations follow TFLM's source for the paths the golden models
    /// do not exercise (time-major, CMSIS-NN's int16 activations).
    /// </summary>
    public class LstmArenaTests
    {
        public static TheoryData<string, string> LstmFigures()
        {
            var data = new TheoryData<string, string>();
            foreach (var f in ArenaGoldenTests.Figures().Where(f => f.Model.StartsWith("mnist_lstm", System.StringComparison.Ordinal)))
                data.Add(f.Model, f.Target);
            return data;
        }

        [Theory]
        [MemberData(nameof(LstmFigures))]
        public void Lstm_models_need_exactly_what_TFLM_needs(string model, string target)
        {
            var f = ArenaGoldenTests.Figures().Single(x => x.Model == model && x.Target == target);
            var plan = ArenaPlanner.Plan(ModelReader.ReadFile(SharedData.ModelPath(model)),
                new ArenaOptions { PointerSize = f.PointerSize, Kernels = f.Kernels });
            Assert.Equal(f.MinArena, plan.ArenaBytes);
            Assert.Equal(f.ArenaUsed, plan.ArenaUsedBytes);
            Assert.Empty(plan.Notes);
        }

        private static KernelFootprint Lstm(Model model, int pointerSize, KernelSet kernels) =>
            TflmKernels.Describe(model, model.MainSubgraph, model.MainSubgraph.Operators[0], new TflmStructLayout(pointerSize), kernels, "m.tflite");

        [Fact]
        public void Reference_kernel_keeps_OpDataLSTM_and_asks_for_four_cell_state_buffers()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8"));
            foreach (int pointerSize in new[] { 4, 8 })
            {
                var f = Lstm(model, pointerSize, KernelSet.Reference);
                // OpDataLSTM: 20 (size info) + 12 (cell info) + enum, padded to 36; 4 × 80 gate params;
                // 3 × 104 ArithmeticParams at an 8-byte boundary (360); 16 bytes of indices: 688.
                Assert.Equal(new[] { 688L }, f.InitPersistent.Select(b => b.Bytes));
                Assert.Empty(f.PreparePersistent);
                // batch 1 × state 20 × int16 cell state.
                Assert.Equal(new[] { 40L, 40L, 40L, 40L }, f.Scratch.Select(b => b.Bytes));
                // The 15 present inputs (9 optional ones are -1) and the output.
                Assert.Equal(16, f.TempTensors.Count);
                Assert.Equal(16, f.BuiltinDataSize);
            }
        }

        [Fact]
        public void Cmsis_nn_int8_path_keeps_kernel_sums_and_needs_three_buffers()
        {
            var f = Lstm(ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8")), 4, KernelSet.CmsisNn);
            // OpDataLSTM (688) + cmsis_nn_lstm_params (15 int32 + 4 gates of 40 bytes = 220), 8-aligned.
            Assert.Equal(new[] { 912L }, f.InitPersistent.Select(b => b.Bytes));
            Assert.Equal(Enumerable.Repeat(20L * 4, 8), f.PreparePersistent.Select(b => b.Bytes));
            Assert.Equal(new[] { 40L, 40L, 40L }, f.Scratch.Select(b => b.Bytes));
        }

        [Fact]
        public void Cmsis_nn_float_path_falls_back_to_four_float_buffers()
        {
            var f = Lstm(ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_float")), 4, KernelSet.CmsisNn);
            Assert.Empty(f.PreparePersistent);
            Assert.Equal(new[] { 80L, 80L, 80L, 80L }, f.Scratch.Select(b => b.Bytes));
        }

        [Fact]
        public void Cmsis_nn_int16_activations_keep_int64_kernel_sums()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8"));
            var g = model.MainSubgraph;
            var op = g.Operators[0];
            foreach (int t in new[] { op.Inputs[0], op.Inputs[18], op.Outputs[0] }) g.Tensors[t].Type = TensorType.INT16;
            var f = Lstm(model, 4, KernelSet.CmsisNn);
            Assert.Equal(Enumerable.Repeat(20L * 8, 8), f.PreparePersistent.Select(b => b.Bytes));
            Assert.Equal(3, f.Scratch.Count);
        }

        [Fact]
        public void Time_major_input_takes_the_batch_from_its_second_dimension()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8"));
            var g = model.MainSubgraph;
            var op = g.Operators[0];
            op.BuiltinOptions!.Set("time_major", true);
            g.Tensors[op.Inputs[0]].Shape = new[] { 28, 3, 28 };
            g.Tensors[op.Inputs[18]].Shape = new[] { 3, 20 };
            g.Tensors[op.Inputs[19]].Shape = new[] { 3, 20 };
            var f = Lstm(model, 8, KernelSet.Reference);
            Assert.Equal(new[] { 120L, 120L, 120L, 120L }, f.Scratch.Select(b => b.Bytes));
        }

        [Fact]
        public void Per_channel_gate_weights_add_multiplier_and_shift_arrays()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mnist_lstm_int8"));
            var g = model.MainSubgraph;
            var forgetInput = g.Tensors[g.Operators[0].Inputs[2]];
            forgetInput.Quantization = new QuantizationParameters { Scale = Enumerable.Repeat(0.01f, 20).ToArray(), ZeroPoint = new long[20] };
            var f = Lstm(model, 8, KernelSet.Reference);
            Assert.Equal(new[] { 80L, 80L }, f.PreparePersistent.Select(b => b.Bytes));
        }
    }
}
