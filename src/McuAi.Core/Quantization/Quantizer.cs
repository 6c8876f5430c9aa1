using System;
using System.Collections.Generic;
using System.Diagnostics;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>Time spent in each phase of a quantization run.</summary>
    public sealed class PhaseTimings
    {
        public TimeSpan Load { get; set; }
        public TimeSpan Calibrate { get; set; }
        public TimeSpan Quantize { get; set; }
        public TimeSpan Write { get; set; }
        public TimeSpan Validate { get; set; }

        public override string ToString() =>
            FormattableString.Invariant($"load {Load.TotalMilliseconds:F0} ms, calibrate {Calibrate.TotalMilliseconds:F0} ms, quantize {Quantize.TotalMilliseconds:F0} ms, write {Write.TotalMilliseconds:F0} ms") +
            (Validate > TimeSpan.Zero ? FormattableString.Invariant($", validate {Validate.TotalMilliseconds:F0} ms") : "");
    }

    /// <summary>The outcome of <see cref="Quantizer.Quantize"/>.</summary>
    public sealed class QuantizationResult
    {
        internal QuantizationResult(byte[] modelBytes, Model model, QuantizationReport report, IReadOnlyDictionary<int, TensorRange> ranges, PhaseTimings timings)
        {
            ModelBytes = modelBytes;
            Model = model;
            Report = report;
            Ranges = ranges;
            Timings = timings;
        }

        /// <summary>The quantized <c>.tflite</c> (the input bytes unchanged when there was nothing to do).</summary>
        public byte[] ModelBytes { get; }
        public Model Model { get; }
        public QuantizationReport Report { get; }
        /// <summary>Calibrated ranges by tensor index of the float model.</summary>
        public IReadOnlyDictionary<int, TensorRange> Ranges { get; }
        public PhaseTimings Timings { get; }
        /// <summary>Validation figures when validation ran, else empty.</summary>
        public IReadOnlyList<OutputMetrics> Metrics { get; internal set; } = Array.Empty<OutputMetrics>();
    }

    /// <summary>
    /// The whole quantization of a model file: calibrate the float model, rewrite it, serialise it,
    /// and optionally validate it against the float model with accuracy gates. The CLI and the MSBuild
    /// task both call this; nothing is written to disk here (the caller writes, atomically).
    /// </summary>
    public static class Quantizer
    {
        public static QuantizationResult Quantize(byte[] modelBytes, string modelFile, Func<Model, CalibrationData>? loadCalibration,
                                                  QuantizationOptions options, Action<QuantizationProgress>? progress = null)
        {
            options.Validate();
            var timings = new PhaseTimings();
            var clock = Stopwatch.StartNew();
            var floatModel = ModelReader.Read(modelBytes, modelFile);
            var report = new QuantizationReport();
            if (ModelQuantizer.IsQuantized(floatModel))
            {
                report = ModelQuantizer.Quantize(floatModel, new Dictionary<int, TensorRange>(), options, modelFile);
                timings.Load = clock.Elapsed;
                return new QuantizationResult(modelBytes, floatModel, report, new Dictionary<int, TensorRange>(), timings);
            }

            IReadOnlyDictionary<int, TensorRange> ranges = new Dictionary<int, TensorRange>();
            CalibrationData? data = null;
            if (options.Mode != QuantizationMode.Dynamic)
            {
                data = loadCalibration?.Invoke(floatModel) ?? throw new McuAiException(DiagnosticCodes.DataEmpty, modelFile,
                    $"{options.Mode} quantization needs calibration data: give {options.Names.Name(Setting.Calibration)} with .npy/.npz samples of the model's inputs.");
            }
            timings.Load = clock.Elapsed;

            clock.Restart();
            if (data is not null) ranges = Calibrator.Run(floatModel, data, options, progress, modelFile);
            timings.Calibrate = clock.Elapsed;

            clock.Restart();
            var target = ModelReader.Read(modelBytes, modelFile); // a fresh copy to rewrite; the float one stays for validation
            report = ModelQuantizer.Quantize(target, ranges, options, modelFile);
            progress?.Invoke(new QuantizationProgress("quantize", 1, 1));
            timings.Quantize = clock.Elapsed;

            clock.Restart();
            byte[] bytes = ModelWriter.Write(target, modelFile);
            progress?.Invoke(new QuantizationProgress("write", 1, 1));
            timings.Write = clock.Elapsed;
            return new QuantizationResult(bytes, target, report, ranges, timings);
        }

        /// <summary>Validates a result against its float model (on <paramref name="data"/>), fills its metrics and checks the gates.</summary>
        public static IReadOnlyList<OutputMetrics> Validate(byte[] floatModelBytes, QuantizationResult result, CalibrationData data, QualityGates gates,
                                                            bool classifier, QuantizationOptions options, string? modelFile,
                                                            Action<QuantizationProgress>? progress = null)
        {
            QualityGates.Validate(gates);
            var clock = Stopwatch.StartNew();
            var floatModel = ModelReader.Read(floatModelBytes, modelFile);
            var quantized = ModelReader.Read(result.ModelBytes, modelFile);
            var metrics = QuantizationValidator.Validate(floatModel, quantized, data, classifier, options, progress, modelFile, modelFile);
            result.Metrics = metrics;
            result.Timings.Validate = clock.Elapsed;
            gates.Check(metrics, modelFile);
            return metrics;
        }
    }
}
