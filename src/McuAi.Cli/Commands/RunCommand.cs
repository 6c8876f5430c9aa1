using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// <c>mcuai run MODEL --input IN [--input IN2 …] [--output OUT.bin] [--repeat N] [--allow-hybrid]</c>:
    /// runs the model in the reference interpreter (TFLM's arithmetic). Inputs: one raw file with every
    /// input's little-endian bytes concatenated (the golden inK.bin format), one .npy per input, or one .npz.
    /// With --output the outputs are written in the same raw format; otherwise their argmax and
    /// dequantized values are printed. --repeat N times N inferences and prints the mean.
    /// Exit codes: 0 ran, 1 a coded error on stderr.
    /// </summary>
    public sealed class RunCommand : ICliCommand
    {
        public Command Create()
        {
            var model = new Argument<string>("model") { Description = "The .tflite model file." };
            var inputs = new Option<string[]>("--input", "-i")
            {
                Description = "Input data: one raw .bin of all inputs concatenated, one .npy per input (repeat --input), or one .npz.",
                Required = true,
                AllowMultipleArgumentsPerToken = false,
            };
            var output = new Option<string?>("--output", "-o") { Description = "Write the raw bytes of all outputs, concatenated, to this file." };
            var repeat = new Option<int>("--repeat")
            {
                Description = "Run this many inferences and print the mean time of one.",
                DefaultValueFactory = _ => 1,
            };
            repeat.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1) r.AddError("--repeat must be at least 1");
            });
            var allowHybrid = new Option<bool>("--allow-hybrid")
            {
                Description = "Run hybrid models (float activations, int8 weights) in float with dequantized weights; TFLM cannot run them.",
            };

            var command = new Command("run", "Run a model in the reference interpreter, bit-exact with TFLM's reference kernels.")
            {
                model, inputs, output, repeat, allowHybrid,
            };
            command.SetAction(parse =>
            {
                var stdout = parse.InvocationConfiguration.Output;
                var stderr = parse.InvocationConfiguration.Error;
                string modelPath = parse.GetValue(model)!;
                try
                {
                    var interpreter = new ModelInterpreter(ModelReader.ReadFile(modelPath),
                        new InterpreterOptions { AllowHybrid = parse.GetValue(allowHybrid) }, modelPath);
                    foreach (var warning in interpreter.Warnings) stderr.WriteLine(warning.ToString());
                    var data = InputFiles.Load(interpreter, parse.GetValue(inputs) ?? Array.Empty<string>());
                    int runs = parse.GetValue(repeat);
                    interpreter.SetInputs(data);
                    interpreter.Invoke();
                    if (runs > 1)
                    {
                        // The first run above warmed up; the planner reuses input memory, so inputs are set each time.
                        var watch = Stopwatch.StartNew();
                        for (int r = 0; r < runs; r++)
                        {
                            interpreter.SetInputs(data);
                            interpreter.Invoke();
                        }
                        watch.Stop();
                        stdout.WriteLine(string.Format(CultureInfo.InvariantCulture,
                            "mean time per inference: {0:F3} ms over {1} runs", watch.Elapsed.TotalMilliseconds / runs, runs));
                    }
                    string? outputPath = parse.GetValue(output);
                    if (outputPath is not null) WriteOutputs(outputPath, interpreter.GetOutputs());
                    else
                    {
                        var summaries = OutputSummary.Of(interpreter);
                        for (int i = 0; i < summaries.Count; i++) stdout.WriteLine(summaries[i].Render(i));
                    }
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

        private static void WriteOutputs(string path, byte[] bytes)
        {
            try
            {
                AtomicFile.WriteCreatingFolder(path, bytes, DiagnosticCodes.ModelFileUnwritable);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.InterpreterOutputWriteFailed, path, $"cannot write the output file: {e.Message}", e);
            }
        }
    }
}
