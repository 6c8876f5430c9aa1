using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.Quantization;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// <c>mcuai quantize MODEL --calibration DATA --out OUT.tflite [options]</c>: post-training quantization
    /// of a float model, optionally validated against it with accuracy gates. The output is written only
    /// when everything succeeded (temp file, then rename). Exit codes: 0 done, 1 coded error on stderr.
    /// </summary>
    public sealed class QuantizeCommand : ICliCommand
    {
        public Command Create()
        {
            var model = new Argument<string>("model") { Description = "The float .tflite model." };
            var calibration = new Option<string?>("--calibration") { Description = "Calibration data: a .npy/.npz file, a folder of them, or a glob (';' joins several)." };
            var output = new Option<string>("--out") { Description = "The quantized .tflite to write.", Required = true };
            var mode = new Option<string>("--mode") { Description = "int8 (default), int16x8, or dynamic (weights only; TFLM cannot run it).", DefaultValueFactory = _ => "int8" };
            mode.AcceptOnlyFromAmong("int8", "int16x8", "dynamic");
            var method = new Option<string>("--calibration-method") { Description = "Activation ranges: minmax (default), percentile, moving-average.", DefaultValueFactory = _ => "minmax" };
            method.AcceptOnlyFromAmong("minmax", "percentile", "moving-average");
            var percentile = new Option<double>("--percentile") { Description = "Percentile kept at each tail with --calibration-method percentile.", DefaultValueFactory = _ => 99.99 };
            var perChannelFc = new Option<bool>("--per-channel-fully-connected") { Description = "Per-channel weights for FULLY_CONNECTED too (per-tensor by default, as the TF converter)." };
            var ioType = new Option<string>("--io-type") { Description = "Input/output type: int8 (default) or float32 (adds QUANTIZE/DEQUANTIZE at the edges).", DefaultValueFactory = _ => "int8" };
            ioType.AcceptOnlyFromAmong("int8", "float32");
            var validation = new Option<string?>("--validation") { Description = "Validation data (default: the calibration data when a gate is given)." };
            var minCosine = new Option<double?>("--min-cosine") { Description = "Gate: smallest cosine similarity allowed on every output." };
            var maxL2 = new Option<double?>("--max-l2-error") { Description = "Gate: largest relative L2 error allowed on every output." };
            var minTop1 = new Option<double?>("--min-top1-agreement") { Description = "Gate: smallest top-1 agreement (0-1) on classifier outputs." };
            var classifier = new Option<bool>("--classifier") { Description = "Treat every output as a classifier for top-1 agreement (outputs of SOFTMAX always are)." };
            var weightBits = new Option<string>("--weight-bits") { Description = "Filter bits: 8 (default), 4 (INT4 CONV_2D/DEPTHWISE_CONV_2D/FULLY_CONNECTED filters) or auto (4 where the gates hold).", DefaultValueFactory = _ => "8" };
            weightBits.AcceptOnlyFromAmong("8", "4", "auto");
            var json = new Option<bool>("--json") { Description = "With --weight-bits 4 or auto: print the run's record as JSON." };

            var command = new Command("quantize", "Quantize a float TensorFlow Lite model to int8 (or 16x8) with calibration data, and check its accuracy.")
            {
                model, calibration, output, mode, method, percentile, perChannelFc, ioType, validation, minCosine, maxL2, minTop1, classifier, weightBits, json,
            };
            command.SetAction(parse =>
            {
                var stdout = parse.InvocationConfiguration.Output;
                var stderr = parse.InvocationConfiguration.Error;
                string modelPath = parse.GetValue(model)!;
                try
                {
                    var options = new QuantizationOptions
                    {
                        Mode = QuantizationOptions.ParseMode(parse.GetValue(mode)!),
                        CalibrationMethod = QuantizationOptions.ParseMethod(parse.GetValue(method)!),
                        Percentile = parse.GetValue(percentile),
                        PerChannelFullyConnected = parse.GetValue(perChannelFc),
                        IoType = QuantizationOptions.ParseIoType(parse.GetValue(ioType)!),
                    };
                    var gates = new QualityGates { MinCosine = parse.GetValue(minCosine), MaxL2Error = parse.GetValue(maxL2), MinTop1Agreement = parse.GetValue(minTop1) };
                    string? calibrationSpec = parse.GetValue(calibration);
                    var bits = Simplification.SimplificationSettings.ParseWeightBits(parse.GetValue(weightBits)!);
                    if (bits != Simplification.WeightBitsMode.Eight)
                    {
                        // Quantization and 4-bit filters as two gated steps of one simplification run.
                        var settings = new Simplification.SimplificationSettings { Quantization = options, WeightBits = bits };
                        return SimplificationRun.Execute(parse, modelPath, parse.GetValue(output)!, settings, calibrationSpec, parse.GetValue(validation),
                            gates, parse.GetValue(classifier), parse.GetValue(json));
                    }
                    byte[] bytes = ReadModel(modelPath);
                    var progress = new ProgressPrinter(stdout, Console.IsOutputRedirected);

                    var result = Quantizer.Quantize(bytes, modelPath,
                        calibrationSpec is null ? null : m => CalibrationData.Load(calibrationSpec, m), options, progress.Report);
                    foreach (var d in result.Report.Diagnostics) stderr.WriteLine(d.ToString());

                    string? validationSpec = parse.GetValue(validation) ?? (gates.IsEmpty ? null : calibrationSpec);
                    if (validationSpec is not null && !result.Report.NothingToDo)
                    {
                        var data = CalibrationData.Load(validationSpec, TfLite.ModelReader.Read(bytes, modelPath));
                        try
                        {
                            Quantizer.Validate(bytes, result, data, gates, parse.GetValue(classifier), options, modelPath, progress.Report);
                        }
                        finally
                        {
                            progress.Finish();
                            foreach (var m in result.Metrics) stdout.WriteLine("  " + m);
                        }
                    }
                    progress.Finish();

                    string outPath = parse.GetValue(output)!;
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    AtomicFile.WriteCreatingFolder(outPath, result.ModelBytes, DiagnosticCodes.ModelFileUnwritable);
                    result.Timings.Write += clock.Elapsed;
                    stdout.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1} -> {2} ({3:N0} -> {4:N0} bytes)",
                        result.Report.NothingToDo ? "unchanged" : $"quantized ({options.Mode})", modelPath, outPath, bytes.Length, result.ModelBytes.Length));
                    stdout.WriteLine("phases: " + result.Timings);
                    return 0;
                }
                catch (McuAiException e)
                {
                    stderr.WriteLine(e.ToString());
                    return 1;
                }
            });
            return command;
        }

        internal static byte[] ReadModel(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.ModelFileUnreadable, path, $"cannot read the model file: {e.Message}.", e);
            }
        }
    }

    /// <summary>
    /// Shows progress: a redrawn bar on a terminal, or plain lines at every 10% when the output is
    /// redirected (logs, CI), so that logs stay readable.
    /// </summary>
    internal sealed class ProgressPrinter
    {
        private readonly TextWriter _out;
        private readonly bool _plain;
        private string? _phase;
        private int _lastTenth = -1;
        private bool _barOpen;

        public ProgressPrinter(TextWriter output, bool plain)
        {
            _out = output;
            _plain = plain;
        }

        public void Report(QuantizationProgress p)
        {
            if (p.Phase != _phase)
            {
                Finish();
                _phase = p.Phase;
                _lastTenth = -1;
            }
            int tenth = (int)(p.Fraction * 10);
            if (_plain)
            {
                if (tenth == _lastTenth) return;
                _lastTenth = tenth;
                _out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0}: {1}% ({2}/{3})", p.Phase, tenth * 10, p.Done, p.Total));
                return;
            }
            const int width = 30;
            int filled = (int)(p.Fraction * width);
            _out.Write(string.Format(CultureInfo.InvariantCulture, "\r{0,-22} [{1}{2}] {3,3:F0}% ({4}/{5})",
                p.Phase, new string('#', filled), new string(' ', width - filled), p.Fraction * 100, p.Done, p.Total));
            _barOpen = true;
        }

        /// <summary>Ends a bar line so that the next output starts on a fresh line.</summary>
        public void Finish()
        {
            if (_barOpen) _out.WriteLine();
            _barOpen = false;
        }
    }
}
