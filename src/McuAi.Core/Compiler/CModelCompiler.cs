using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>A model compiled for the C runtime: its layer program and memory plan, with the flash figures.</summary>
    public sealed class CompiledModel
    {
        internal CompiledModel(LayerProgram program, MemoryPlan plan)
        {
            Program = program;
            Plan = plan;
            WeightBytes = program.Constants.Where(c => c.IsModelData).Sum(c => (long)c.ByteSize);
            ParameterBytes = program.Constants.Where(c => !c.IsModelData).Sum(c => (long)c.ByteSize);
        }

        public LayerProgram Program { get; }
        public MemoryPlan Plan { get; }

        /// <summary>RAM: activations, scratch and state.</summary>
        public int RamBytes => Plan.TotalBytes;

        /// <summary>Bytes of the model's data in flash: weights, biases, constant tensors, per-channel multipliers and shifts.</summary>
        public long WeightBytes { get; }

        /// <summary>Bytes of the tables prepared per layer at build time (exp and lookup tables...), not counting the params structs.</summary>
        public long ParameterBytes { get; }
    }

    /// <summary>Model → <see cref="CompiledModel"/>: lowering (<see cref="ModelLowering"/>) then the memory plan (<see cref="MemoryPlanner"/>).</summary>
    public static class CModelCompiler
    {
        /// <param name="optimization">Speed: block-sparse filters only where they are not slower; Size: wherever they save flash.</param>
        /// <param name="names">How messages name settings (Runtime="tflm" in a build, --runtime tflm on the command line).</param>
        public static CompiledModel Compile(Model model, string symbol, string? fileName, CompileOptimization optimization = CompileOptimization.Speed,
            SettingNames? names = null)
        {
            var program = ModelLowering.Lower(model, symbol, fileName, names ?? SettingNames.CommandLine, optimization);
            return new CompiledModel(program, MemoryPlanner.Plan(program));
        }
    }
}
