using System.IO;
using BenchmarkDotNet.Attributes;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Benchmarks
{
    /// <summary>
    /// The LSTM kernel alone (operator 0 of mnist_lstm: 28 steps, 28 inputs, 20 cells, 107,520 MACs) and
    /// the whole model, in float and int8, on golden input vector 1. The states are reset before every
    /// run, as for one new sequence.
    /// Run: dotnet run -c Release --project tests/McuAi.Benchmarks -- --filter *Lstm*
    /// </summary>
    [MemoryDiagnoser]
    public class LstmBenchmarks
    {
        private ModelInterpreter _interpreter = null!;
        private PreparedOp _lstm = null!;

        [Params("mnist_lstm_float", "mnist_lstm_int8")]
        public string Model { get; set; } = "";

        [GlobalSetup]
        public void Setup()
        {
            var model = ModelReader.ReadFile(InterpreterBenchmarks.SharedFile("models", Model + ".tflite"));
            _interpreter = new ModelInterpreter(model, fileName: Model);
            _interpreter.SetInputs(File.ReadAllBytes(InterpreterBenchmarks.SharedFile(Path.Combine("golden", Model), "in1.bin")));
            _lstm = _interpreter.PreparedOps[0];
        }

        [Benchmark(Description = "LSTM kernel (28 steps)")]
        public void LstmKernel()
        {
            _interpreter.ResetVariableTensors();
            _lstm.Eval();
        }

        [Benchmark(Description = "whole model")]
        public void WholeModel()
        {
            _interpreter.ResetVariableTensors();
            _interpreter.Invoke();
        }
    }
}
