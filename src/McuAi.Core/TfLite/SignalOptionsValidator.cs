using System.Collections.Generic;
using System.Globalization;
using McuAi.Diagnostics;
using McuAi.FlatBuffers;

namespace McuAi.TfLite
{
    /// <summary>
    /// The custom options of TFLM's Signal ops, checked once for every consumer: a FlexBuffers map holding
    /// each parameter the op's Init reads (signal/micro/kernels/*.cc read them with <c>m["name"].AsInt32()</c>,
    /// unchecked), as an integer or bool in the range the kernel can use. TFLM would read garbage from a
    /// malformed buffer; here analysis, code generation and the interpreter all refuse it with MCUAI0013.
    /// Checks that need the tensors (a channel count against a tensor's length) stay in the kernels.
    /// </summary>
    internal static class SignalOptionsValidator
    {
        private readonly record struct Parameter(string Name, long Min, long Max, bool IsBool = false);

        private static Parameter Int(string name, long min = int.MinValue, long max = int.MaxValue) => new(name, min, max);

        private static readonly OpNameTable<Parameter[]> s_parameters = new(new Dictionary<string, Parameter[]>(System.StringComparer.Ordinal)
        {
            ["SignalWindow"] = new[] { Int("shift", 0, 31) },
            ["SignalRfft"] = new[] { Int("T", 0, 18), Int("fft_length", 2) },
            ["SignalEnergy"] = new[] { Int("start_index", 0), Int("end_index", 0) },
            ["SignalFilterBank"] = new[] { Int("num_channels", 0) },
            ["SignalFilterBankLog"] = new[] { Int("input_correction_bits", 0, 31), Int("output_scale") },
            ["SignalPCAN"] = new[] { Int("snr_shift", 0, 63) },
            ["SignalFilterBankSpectralSubtraction"] = new[]
            {
                Int("num_channels", 0), Int("smoothing"), Int("one_minus_smoothing"), Int("alternate_smoothing"),
                Int("alternate_one_minus_smoothing"), Int("min_signal_remaining"), Int("smoothing_bits", 0, 31),
                Int("spectral_subtraction_bits", 0, 63), new Parameter("clamping", 0, 1, IsBool: true),
            },
        });

        public static void Validate(OperatorCode code, Operator op, int index, string where, string? fileName)
        {
            if (!code.IsCustom || code.CustomCode is null || !s_parameters.TryGetValue(code.CustomCode, out var parameters)) return;
            string what = $"operator {index} (CUSTOM:{code.CustomCode}){where} custom options";
            if (op.CustomOptions is not { } bytes || op.LargeCustomOptionsSize != 0)
                throw new McuAiException(DiagnosticCodes.InvalidCustomOptions, fileName,
                    $"{what}: the operator has no (inline) custom options, where TFLM reads the op's parameters; re-export the model with the TFLM signal library");
            var map = new FlexBuffer(bytes, fileName, what).Root.AsMap();
            var values = new Dictionary<string, long>(System.StringComparer.Ordinal);
            foreach (var p in parameters)
            {
                // The map's accessors give coded errors for a missing key, a wrong type or a value beyond 32 bits.
                long value = p.IsBool ? (map[p.Name].AsBool() ? 1 : 0) : map[p.Name].AsInt32();
                if (value < p.Min || value > p.Max)
                    throw new McuAiException(DiagnosticCodes.InvalidCustomOptions, fileName,
                        $"{what}: parameter '{p.Name}' is {value.ToString(CultureInfo.InvariantCulture)}; it must be between {p.Min.ToString(CultureInfo.InvariantCulture)} and {p.Max.ToString(CultureInfo.InvariantCulture)}");
                values[p.Name] = value;
            }
            // TFLM's kiss_fftr_alloc fails for lengths it cannot factor: its Init, and so the model, fails.
            if (values.TryGetValue("fft_length", out long fftLength) && Interpreter.Kernels.Signal.KissFftInt16.Unsupported((int)fftLength) is { } reason)
                throw new McuAiException(DiagnosticCodes.InvalidCustomOptions, fileName, $"{what}: parameter 'fft_length' is {fftLength.ToString(CultureInfo.InvariantCulture)}; {reason}");
            if (values.TryGetValue("start_index", out long start) && start > values["end_index"])
                throw new McuAiException(DiagnosticCodes.InvalidCustomOptions, fileName,
                    $"{what}: parameter 'start_index' ({start.ToString(CultureInfo.InvariantCulture)}) is after 'end_index' ({values["end_index"].ToString(CultureInfo.InvariantCulture)})");
        }
    }
}
