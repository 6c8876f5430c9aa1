using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Analysis
{
    /// <summary>What TFLM (at <see cref="TflmOps.TflmCommit"/>) offers for one op.</summary>
    /// <param name="OpName">BuiltinOperator name, or CUSTOM:&lt;name&gt; for the Signal ops.</param>
    /// <param name="ResolverMethod">The MicroMutableOpResolver method that registers it, e.g. <c>AddFullyConnected</c>.</param>
    /// <param name="MaxVersion">The newest op version TFLM's kernel accepts.</param>
    /// <param name="Types">Tensor types the kernel accepts for its main input.</param>
    public sealed record TflmOpInfo(string OpName, string ResolverMethod, int MaxVersion, IReadOnlyList<TensorType> Types);

    /// <summary>
    /// The table of ops that TFLM can run, with their resolver methods (filled in by the analysis work;
    /// until then it knows no op).
    /// </summary>
    public static class TflmOps
    {
        /// <summary>The TFLM version the table describes (tensorflow/tflite-micro commit).</summary>
        public const string TflmCommit = "90b983c2";

        /// <summary>The TFLM facts for an operator code, or null when TFLM cannot run it.</summary>
        public static TflmOpInfo? Find(OperatorCode code) => null;
    }
}
