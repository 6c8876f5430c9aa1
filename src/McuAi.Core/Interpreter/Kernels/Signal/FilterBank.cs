using System;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// SignalFilterBank: accumulates uint32 spectrum energies into 'num_channels' overlapping triangular
    /// (mel) channels, uint64 each. Each bin feeds two neighbouring channels, with a weight and an
    /// "unweight" (1 − weight, both int16). TFLM computes num_channels + 1 sums, the first only collecting
    /// the unweighted part for channel 1, and discards it.
    /// Inputs: energies, weights, unweights, per-channel first bin, first weight index and width (int16).
    /// </summary>
    [KernelFor("SignalFilterBank")]
    public sealed class FilterBankKernel : IKernel
    {
        public PreparedOp Prepare(PrepareContext context)
        {
            SignalPrepare.Operands(context, 6, 1);
            var energies = SignalPrepare.Input(context, 0, TensorType.UINT32, rank: 1);
            var weights = SignalPrepare.Input(context, 1, TensorType.INT16, rank: 1);
            var unweights = SignalPrepare.Input(context, 2, TensorType.INT16, rank: 1);
            var frequencyStarts = SignalPrepare.Input(context, 3, TensorType.INT16, rank: 1);
            var weightStarts = SignalPrepare.Input(context, 4, TensorType.INT16, rank: 1);
            var widths = SignalPrepare.Input(context, 5, TensorType.INT16, rank: 1);
            var output = SignalPrepare.Output(context, 0, TensorType.UINT64, rank: 1);
            int channels = SignalPrepare.Options(context)["num_channels"].AsInt32();
            if (channels < 0 || output.ElementCount > channels)
                throw SignalPrepare.BadParameter(context, "num_channels", channels, $"at least the {output.ElementCount} elements of output '{output.Name}'");
            foreach (var table in new[] { frequencyStarts, weightStarts, widths })
                // In 64 bits: num_channels may be 2^31 - 1 (seed 20261205, mutant 346816 overflowed here).
                if (table.ElementCount < (long)channels + 1)
                    throw context.Fail(DiagnosticCodes.InvalidOperator, $"'{table.Name}' has {table.ElementCount} entries; {channels} channels need {(long)channels + 1}");
            var op = new FilterBankOp(energies, weights, unweights, frequencyStarts, weightStarts, widths, output, channels, context.FileName);
            // Constant tables (the usual case) are checked here too, for an error at prepare rather than at the first
            // evaluation; every evaluation checks them again against the data as read.
            if (op.TablesConstant && op.TableError() is { } error)
                throw context.Fail(DiagnosticCodes.InvalidOperator, error);
            return op;
        }

        internal sealed class FilterBankOp : PreparedOp
        {
            private readonly RuntimeTensor _energies, _weights, _unweights, _frequencyStarts, _weightStarts, _widths, _output;
            private readonly ulong[] _sums;
            private readonly string? _fileName;

            // What the C backend's lowering (McuAi.Compiler) reads, so that it emits exactly the prepared figures.
            internal int Channels => _sums.Length - 1;
            internal bool TablesConstant { get; }

            public FilterBankOp(RuntimeTensor energies, RuntimeTensor weights, RuntimeTensor unweights, RuntimeTensor frequencyStarts,
                RuntimeTensor weightStarts, RuntimeTensor widths, RuntimeTensor output, int channels, string? fileName)
            {
                (_energies, _weights, _unweights, _frequencyStarts, _weightStarts, _widths, _output) =
                    (energies, weights, unweights, frequencyStarts, weightStarts, widths, output);
                _sums = new ulong[channels + 1];
                _fileName = fileName;
                TablesConstant = frequencyStarts.IsConstant && weightStarts.IsConstant && widths.IsConstant;
            }

            /// <summary>Why a channel reaches outside the energies or weights, or null when every channel fits.</summary>
            public string? TableError()
            {
                var frequencyStarts = _frequencyStarts.As<short>();
                var weightStarts = _weightStarts.As<short>();
                var widths = _widths.As<short>();
                // The lengths of the data as read (a graph input's data may be shorter than its shape says:
                // seed 20261205, mutant 411142 read past a table here).
                long energies = _energies.As<uint>().Length, weights = System.Math.Min(_weights.As<short>().Length, _unweights.As<short>().Length);
                int entries = System.Math.Min(frequencyStarts.Length, System.Math.Min(weightStarts.Length, widths.Length));
                if (entries < _sums.Length)
                    return $"the channel tables hold {entries} entries; {_sums.Length - 1} channels need {_sums.Length}";
                for (int channel = 0; channel < _sums.Length; channel++)
                {
                    int bin = frequencyStarts[channel], weight = weightStarts[channel], width = widths[channel];
                    if (width > 0 && (bin < 0 || weight < 0 || bin + width > energies || weight + width > weights))
                        return $"channel {channel} covers bins {bin}..{bin + width - 1} and weights {weight}..{weight + width - 1}, " +
                            $"outside the {energies} energies or {weights} weights";
                }
                return null;
            }

            public override void Eval()
            {
                // Checked on every evaluation against the data as read, not only for computed tables: the energies or
                // weights may be a graph input whose data is shorter than the shape Prepare saw (mutant 411142).
                if (TableError() is { } error)
                    throw new McuAiException(DiagnosticCodes.InvalidOperator, _fileName, $"operator {OperatorIndex} ({OpName}): {error}");
                // The tables are read here, as TFLM reads them: they may be computed tensors.
                var energies = _energies.As<uint>();
                var weights = _weights.As<short>();
                var unweights = _unweights.As<short>();
                var frequencyStarts = _frequencyStarts.As<short>();
                var weightStarts = _weightStarts.As<short>();
                var widths = _widths.As<short>();
                ulong weighted = 0, unweighted = 0;
                for (int channel = 0; channel < _sums.Length; channel++)
                {
                    int bin = frequencyStarts[channel], weight = weightStarts[channel];
                    for (int j = 0; j < widths[channel]; j++)
                    {
                        // int16 weights widen to uint64 as in C (sign-extended), products and sums wrap modulo 2^64.
                        ulong energy = energies[bin + j];
                        weighted = unchecked(weighted + (ulong)(long)weights[weight + j] * energy);
                        unweighted = unchecked(unweighted + (ulong)(long)unweights[weight + j] * energy);
                    }
                    _sums[channel] = weighted;
                    weighted = unweighted;
                    unweighted = 0;
                }
                var output = _output.As<ulong>();
                _sums.AsSpan(1, output.Length).CopyTo(output);
            }
        }
    }
}
