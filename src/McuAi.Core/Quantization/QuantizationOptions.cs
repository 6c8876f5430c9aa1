using System;
using McuAi.Diagnostics;

namespace McuAi.Quantization
{
    /// <summary>What to quantize to.</summary>
    public enum QuantizationMode
    {
        /// <summary>Full-integer int8: int8 activations and weights, int32 bias.</summary>
        Int8,
        /// <summary>int16 activations (zero point 0), int8 weights, int64 bias, where TFLM has the kernels.</summary>
        Int16x8,
        /// <summary>Weights only (hybrid): TFLM does not run the result, TFLite does.</summary>
        Dynamic,
    }

    /// <summary>How activation ranges are derived from the calibration samples.</summary>
    public enum CalibrationMethod
    {
        /// <summary>The smallest and largest value seen over all samples.</summary>
        MinMax,
        /// <summary>The <see cref="QuantizationOptions.Percentile"/>-th percentile at each tail: ignores rare outliers.</summary>
        Percentile,
        /// <summary>An exponential moving average of per-sample min and max (decay 0.9, in sample order).</summary>
        MovingAverage,
    }

    /// <summary>Type of the quantized model's inputs and outputs.</summary>
    public enum IoType
    {
        /// <summary>int8 (int16 in 16x8 mode) inputs and outputs, as the TFLM examples use.</summary>
        Int8,
        /// <summary>float32 inputs and outputs: QUANTIZE and DEQUANTIZE ops are added at the edges.</summary>
        Float32,
    }

    /// <summary>Settings of a quantization run; the same names as the CLI options and the item metadata.</summary>
    public sealed class QuantizationOptions
    {
        public QuantizationMode Mode { get; set; } = QuantizationMode.Int8;
        public CalibrationMethod CalibrationMethod { get; set; } = CalibrationMethod.MinMax;
        /// <summary>Percentile kept at each tail by <see cref="CalibrationMethod.Percentile"/> (e.g. 99.99).</summary>
        public double Percentile { get; set; } = 99.99;
        /// <summary>Per-channel weights for FULLY_CONNECTED too (per-tensor by default, as the TF converter does).</summary>
        public bool PerChannelFullyConnected { get; set; }
        public IoType IoType { get; set; } = IoType.Int8;
        /// <summary>Worker threads for calibration and validation (0: one per processor).</summary>
        public int MaxParallelism { get; set; }
        /// <summary>How messages name the settings: command-line flags (default) or item metadata (the SDK). Not part of the output.</summary>
        public SettingNames Names { get; set; } = SettingNames.CommandLine;

        /// <summary>A stable text form of every setting that changes the output (part of the cache key).</summary>
        public string CacheKeyText() => FormattableString.Invariant(
            $"mode={Mode};method={CalibrationMethod};percentile={Percentile:R};pcfc={PerChannelFullyConnected};io={IoType}");

        public static QuantizationMode ParseMode(string text) => text.Trim().ToLowerInvariant() switch
        {
            "int8" => QuantizationMode.Int8,
            "int16x8" or "16x8" => QuantizationMode.Int16x8,
            "dynamic" => QuantizationMode.Dynamic,
            _ => throw Invalid($"unknown quantization mode '{text}': use int8, int16x8 or dynamic"),
        };

        public static CalibrationMethod ParseMethod(string text) => text.Trim().ToLowerInvariant() switch
        {
            "minmax" or "min-max" => CalibrationMethod.MinMax,
            "percentile" => CalibrationMethod.Percentile,
            "moving-average" or "movingaverage" => CalibrationMethod.MovingAverage,
            _ => throw Invalid($"unknown calibration method '{text}': use minmax, percentile or moving-average"),
        };

        public static IoType ParseIoType(string text) => text.Trim().ToLowerInvariant() switch
        {
            "int8" or "int16" => IoType.Int8,
            "float32" or "float" => IoType.Float32,
            _ => throw Invalid($"unknown io type '{text}': use int8 or float32"),
        };

        internal void Validate()
        {
            if (!(Percentile > 50 && Percentile <= 100))
                throw Invalid(FormattableString.Invariant($"{Names.Name(Setting.Percentile)} {Percentile} is out of range: give a value in (50, 100], e.g. 99.99"));
        }

        private static McuAiException Invalid(string message) => new(DiagnosticCodes.QuantizationOptionInvalid, null, message + ".");
    }
}
