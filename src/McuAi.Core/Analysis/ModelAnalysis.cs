using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>One tensor as an operator sees it.</summary>
    /// <param name="Index">Index in subgraph 0's tensors.</param>
    /// <param name="Shape">The static shape (what TFLM allocates).</param>
    /// <param name="IsConstant">True for weights, biases and other data stored in the model.</param>
    public sealed record TensorRef(int Index, string Name, IReadOnlyList<int> Shape, TensorType Type, long Bytes, bool IsConstant);

    /// <summary>One operator of subgraph 0, in execution order.</summary>
    /// <param name="Op">The op name: <c>FULLY_CONNECTED</c>, or <c>CUSTOM:&lt;name&gt;</c>.</param>
    /// <param name="Inputs">Present inputs (absent optional inputs, index -1 in the file, are left out).</param>
    /// <param name="Macs">Multiply-accumulates of one invocation (see docs/analysis.md for the convention).</param>
    /// <param name="WeightBytes">Bytes of the operator's constant inputs.</param>
    /// <param name="ActivationBytes">Bytes of the operator's outputs (the activations it writes).</param>
    public sealed record LayerInfo(int Index, string Op, int Version, IReadOnlyList<TensorRef> Inputs, IReadOnlyList<TensorRef> Outputs,
        long Macs, long WeightBytes, long ActivationBytes);

    /// <summary>A model input or output with its quantization.</summary>
    /// <param name="Shape">The shape with -1 for dynamic dimensions (from shape_signature when the file has one).</param>
    /// <param name="StaticShape">The shape TFLM allocates (dynamic dimensions resolved, usually batch 1).</param>
    /// <param name="Scale">One scale per tensor, or one per channel; empty when not quantized.</param>
    /// <param name="ZeroPoint">Zero points, as many as scales.</param>
    public sealed record IoTensor(int Index, string Name, TensorType Type, IReadOnlyList<int> Shape, IReadOnlyList<int> StaticShape,
        long Bytes, IReadOnlyList<float> Scale, IReadOnlyList<long> ZeroPoint, int QuantizedDimension);

    /// <summary>One distinct op the model's operators use, and how TFLM registers it.</summary>
    /// <param name="Op">The op name, as in <see cref="LayerInfo.Op"/>.</param>
    /// <param name="CustomName">The custom op's name, null for builtins.</param>
    /// <param name="MaxVersionUsed">The highest version any operator uses it at.</param>
    /// <param name="Count">How many operators (in every subgraph) use it.</param>
    /// <param name="Tflm">TFLM's kernel, or null when TFLM does not ship one.</param>
    public sealed record OpUsage(string Op, BuiltinOperator Builtin, string? CustomName, int MaxVersionUsed, int Count, TflmOpInfo? Tflm);

    /// <summary>Everything `mcuai analyze` and the build report know about a model.</summary>
    public sealed class ModelAnalysis
    {
        internal ModelAnalysis(string? fileName, IReadOnlyList<LayerInfo> layers, IReadOnlyList<OpUsage> opsUsed,
            IReadOnlyList<IoTensor> inputs, IReadOnlyList<IoTensor> outputs, long weightBytes, long flashBytes,
            int subgraphCount, IReadOnlyList<Diagnostic> warnings, ArenaPlan arena)
        {
            FileName = fileName;
            Layers = layers;
            OpsUsed = opsUsed;
            Inputs = inputs;
            Outputs = outputs;
            WeightBytes = weightBytes;
            FlashBytes = flashBytes;
            SubgraphCount = subgraphCount;
            Warnings = warnings;
            Arena = arena;
            TotalMacs = layers.Sum(l => l.Macs);
        }

        /// <summary>The file name used in diagnostics (as given; reports keep only the name).</summary>
        public string? FileName { get; }
        /// <summary>Subgraph 0's operators in execution order.</summary>
        public IReadOnlyList<LayerInfo> Layers { get; }
        /// <summary>Distinct ops of every subgraph, in order of first use.</summary>
        public IReadOnlyList<OpUsage> OpsUsed { get; }
        public IReadOnlyList<IoTensor> Inputs { get; }
        public IReadOnlyList<IoTensor> Outputs { get; }
        public long TotalMacs { get; }
        /// <summary>Bytes of the distinct constant tensors the operators read (a tensor shared by two operators counts once).</summary>
        public long WeightBytes { get; }
        /// <summary>Bytes the model array takes in flash: the file size.</summary>
        public long FlashBytes { get; }
        public int SubgraphCount { get; }
        /// <summary>Findings about TFLM support, coded MCUAI1xxx; errors mean TFLM cannot run the model.</summary>
        public IReadOnlyList<Diagnostic> Warnings { get; }
        /// <summary>The tensor arena plan for the pointer size and kernel set of the options.</summary>
        public ArenaPlan Arena { get; }

        public long ArenaBytes => Arena.ArenaBytes;

        /// <summary>Names of the custom ops used (without the CUSTOM: prefix), in order of first use.</summary>
        public IReadOnlyList<string> CustomOps => OpsUsed.Where(o => o.CustomName is not null).Select(o => o.CustomName!).ToArray();

        /// <summary>The MicroMutableOpResolver methods to call, one per distinct op TFLM ships, in order of first use.</summary>
        public IReadOnlyList<string> ResolverMethods => OpsUsed.Where(o => o.Tflm is not null).Select(o => o.Tflm!.ResolverMethod).ToArray();

        /// <summary>True when a diagnostic says TFLM cannot run the model (hybrid, unsupported op, op version too new).</summary>
        public bool HasErrors => Warnings.Any(w => w.Severity == DiagnosticSeverity.Error);

        /// <summary>True when float activations meet int8 weights (MCUAI1001).</summary>
        public bool IsHybrid => Warnings.Any(w => w.Code == DiagnosticCodes.HybridModel);
    }
}
