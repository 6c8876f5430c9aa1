using System;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;
using Xunit.Abstractions;

namespace McuAi.Tests.Interpreter
{
    /// <summary>
    /// Issue 10 §C: the interpreter's memory and work are bounded before it allocates or runs (MCUAI1032).
    /// A model's shapes cost nothing in its file: the fuzzer's 1 KB mutants declared 1 GB activations, and
    /// 4,096 copies of one convolution ran for seconds.
    /// </summary>
    public class InterpreterLimitsTests
    {
        private const string FileName = "limits.tflite";
        private readonly ITestOutputHelper _output;

        public InterpreterLimitsTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [MemberData(nameof(SharedData.AllModels), MemberType = typeof(SharedData))]
        public void Every_real_model_is_far_inside_the_limits(string name)
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath(name));
            long operations = InterpreterLimits.Operations(model);
            _output.WriteLine($"{name}: {operations:N0} operations per inference");
            Assert.True(operations * 4 <= InterpreterLimits.MaxOperations, $"{name} needs {operations:N0} operations");
        }

        [Fact]
        public void A_huge_activation_is_refused_before_it_is_allocated()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("hello_world_float"));
            // Every activation of the little model becomes [2^26, 16] floats: 4 GB each, from the same file size.
            foreach (var t in model.MainSubgraph.Tensors.Where(t => !model.IsConstant(t) && t.Shape.Length == 2))
                t.Shape = new[] { 1 << 26, t.Shape[1] };
            long before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<McuAiException>(() => new ModelInterpreter(model, null, FileName));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(e.Code == DiagnosticCodes.InterpreterLimit, e.ToString());
            Assert.Equal(FileName, e.File);
            Assert.True(allocated < 64 << 20, $"{allocated:N0} bytes allocated to refuse it");
        }

        [Fact]
        public void One_operator_repeated_thousands_of_times_is_refused_before_it_runs()
        {
            var model = ModelReader.ReadFile(SharedData.ModelPath("mlperf_vww_int8"));
            var ops = model.MainSubgraph.Operators;
            var biggest = ops.OrderByDescending(op => InterpreterLimits.Operations(new Model
            {
                OperatorCodes = model.OperatorCodes, Buffers = model.Buffers,
                Subgraphs = { new SubGraph { Tensors = model.MainSubgraph.Tensors, Operators = { op } } },
            })).First();
            int at = ops.IndexOf(biggest);
            ops.InsertRange(at, Enumerable.Repeat(biggest, 4096));
            var e = Assert.Throws<McuAiException>(() => new ModelInterpreter(model, null, FileName));
            Assert.True(e.Code == DiagnosticCodes.InterpreterLimit, e.ToString());
            Assert.Contains("operations", e.Message);
        }
    }
}
