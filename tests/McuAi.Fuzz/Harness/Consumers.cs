using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.CodeGen.NanoFramework;
using McuAi.Compiler;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Memory;
using McuAi.Quantization;
using McuAi.Reports;
using McuAi.Simplification;
using McuAi.TfLite;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// Runs one mutant through every consumer of a model, in process, as the CLI and the SDK call them:
    /// the reader; analysis with its report in every form; the arena planner for both kernel sets and both
    /// pointer sizes; code generation for TFLM with the nanoFramework interop; the C backend (compile, its report
    /// section, generation with a self-test and the interop); rewriting and stripping; the interpreter (prepare and
    /// invoke); for float models, int8 quantization with one calibration sample; and the simplification pipeline
    /// as `mcuai prune` and `mcuai quantize --weight-bits 4` run it (channel and weight pruning, and 4-bit weights on
    /// int8 models). Each consumer is timed (processor time) and its allocations counted; only coded errors that
    /// name the file, with clean messages, are accepted.
    /// </summary>
    public static class Consumers
    {
        public const string FileName = "mutant.tflite";

        /// <summary>A calibration sample larger than this is not made up: real data would have to be that large too.</summary>
        private const long MaxSampleElements = 1 << 22;

        private static readonly (int PointerSize, KernelSet Kernels)[] s_arenaTargets =
        {
            (8, KernelSet.Reference), (4, KernelSet.CmsisNn), (8, KernelSet.CmsisNn),
        };

        /// <summary>
        /// Runs the mutant through the consumers. Without <paramref name="everyConsumer"/> only the structure tier runs:
        /// the reader, analysis, the arena planner and the interpreter, where hostile structure is refused (the reader
        /// validates once for all) or breaks; the long run sends every mutant there and a sample through the rest
        /// (code generation, the C backend, rewriting, quantization, simplification), which cost most of the time.
        /// </summary>
        /// <param name="dataSeeds">The models whose hostile calibration and validation data the data consumer makes (null: no data consumer).</param>
        public static MutantResult Run(Mutation.Mutant mutant, bool everyConsumer = true, IReadOnlyList<Mutation.SeedModel>? dataSeeds = null)
        {
            var runs = new List<ConsumerRun>();
            byte[] bytes = mutant.Bytes;
            Model? model = null;
            runs.Add(Measure("read", () => { model = ModelReader.Read(bytes, FileName); return null; }));
            if (everyConsumer && dataSeeds is not null) runs.Add(DataConsumer.Run(mutant.Iteration, dataSeeds));
            if (model is null)
                return new MutantResult(mutant.Iteration, mutant.Model, bytes.Length, mutant.Description, runs.ToArray(), null);

            runs.Add(Measure("analyze", () =>
            {
                // Each consumer gets its own reading of the file, as separate CLI runs would.
                var m = ModelReader.Read(bytes, FileName);
                var report = ModelReport.Create(m, bytes, FileName, new AnalysisOptions());
                _ = ReportText.Render(report);
                _ = ReportJson.RenderUtf8(report);
                _ = ReportMarkdown.Render(report, "report.svg");
                _ = ArenaTimelineSvg.Render(report.Arena, m);
                return OutputChecks.Diagnostics(report.Analysis.Warnings, FileName);
            }));
            runs.Add(Measure("plan", () =>
            {
                var m = ModelReader.Read(bytes, FileName);
                foreach (var (pointerSize, kernels) in s_arenaTargets)
                    ArenaPlanner.Plan(m, new ArenaOptions { PointerSize = pointerSize, Kernels = kernels }, FileName);
                return null;
            }));
            if (everyConsumer) runs.Add(Measure("generate", () =>
            {
                var m = ModelReader.Read(bytes, FileName);
                var diagnostics = new List<Diagnostic>();
                var options = new GenerationOptions { Symbol = "fuzz", NanoFramework = new NanoFrameworkOptions() };
                var files = ModelCodeGenerator.Generate(m, bytes, options, FileName, diagnostics);
                return OutputChecks.Diagnostics(diagnostics, FileName) ?? OutputChecks.Generated(files);
            }));
            if (everyConsumer) runs.Add(Measure("c", () =>
            {
                // analyze --runtime c, then generate --runtime c --self-test 1 --nanoframework on the same compilation.
                var m = ModelReader.Read(bytes, FileName);
                var compiled = CModelCompiler.Compile(m, "fuzz", FileName);
                var section = new CRuntimeReportSection(compiled, 0);
                var md = new System.Text.StringBuilder();
                section.WriteMarkdown(md);
                using (var json = new System.Text.Json.Utf8JsonWriter(System.IO.Stream.Null)) section.WriteJson(json);
                var diagnostics = new List<Diagnostic>();
                var options = new GenerationOptions { Symbol = "fuzz", Runtime = ModelRuntime.C, SelfTest = 1, NanoFramework = new NanoFrameworkOptions() };
                var files = ModelCodeGenerator.Generate(m, bytes, options, FileName, diagnostics, compiled);
                return OutputChecks.Document("the cRuntime report section", md.ToString())
                    ?? OutputChecks.Diagnostics(diagnostics, FileName) ?? OutputChecks.Generated(files);
            }));
            if (everyConsumer) runs.Add(Measure("rewrite", () =>
            {
                var m = ModelReader.Read(bytes, FileName);
                var again = ModelReader.Read(ModelWriter.Write(m, FileName), FileName);
                string? difference = ModelComparer.FirstDifference(m, again);
                if (difference is not null) return "rewritten model differs: " + difference;
                var stripped = ModelStripper.Strip(m).Model;
                ModelReader.Read(ModelWriter.Write(stripped, FileName), FileName);
                return null;
            }));
            runs.Add(Measure("run", () =>
            {
                var m = ModelReader.Read(bytes, FileName);
                var interpreter = new ModelInterpreter(m, new InterpreterOptions(), FileName);
                var input = new byte[interpreter.InputBytes];
                new Random((int)mutant.Iteration).NextBytes(input);
                interpreter.SetInputs(input);
                interpreter.Invoke();
                _ = interpreter.GetOutputs();
                _ = OutputSummary.Of(interpreter);
                return OutputChecks.Diagnostics(interpreter.Warnings, FileName);
            }));
            if (everyConsumer)
            {
                runs.Add(Quantize(bytes, model, mutant.Iteration));
                runs.Add(Simplify(bytes, model));
            }
            return new MutantResult(mutant.Iteration, mutant.Model, bytes.Length, mutant.Description, runs.ToArray(), Inconsistency(runs));
        }

        private static ConsumerRun Quantize(byte[] bytes, Model model, long iteration)
        {
            var graph = model.MainSubgraph;
            var inputs = graph.Inputs.Select(i => graph.Tensors[i]).ToArray();
            if (ModelQuantizer.IsQuantized(model) || inputs.Length == 0 || inputs.Any(t => !t.Type.IsFloat() || t.ElementCount > MaxSampleElements))
                return new ConsumerRun("quantize", Outcome.Skipped, "", 0, 0, "not a float model, or inputs too large for a made-up sample");
            var random = new Random((int)iteration);
            var sample = inputs.Select(t => Enumerable.Range(0, (int)t.ElementCount).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray()).ToArray();
            return Measure("quantize", () =>
            {
                var options = new QuantizationOptions { MaxParallelism = 1 };
                var result = Quantizer.Quantize(bytes, FileName, m => CalibrationData.FromSamples(new[] { sample }, m, FileName), options);
                return OutputChecks.Diagnostics(result.Report.Diagnostics, FileName);
            });
        }

        /// <summary>
        /// The simplification pipeline without data, as `mcuai prune --ratio 0.5 --sparsity 0.5` runs it on any model,
        /// followed by 4-bit weights (`mcuai quantize --weight-bits 4`) on int8 models. The pipeline reads the model
        /// from its file, so the mutant is written to this worker's own temporary file.
        /// </summary>
        private static ConsumerRun Simplify(byte[] bytes, Model model)
        {
            string path = SimplifyInput.Path;
            System.IO.File.WriteAllBytes(path, bytes);
            return Measure("simplify", () =>
            {
                var settings = new SimplificationSettings
                {
                    Channels = new ChannelPruningOptions { Ratio = 0.5 },
                    Sparsity = new WeightPruningOptions { Sparsity = 0.5 },
                    // TFLM takes INT4 filters with int8 activations only: int16 models are refused (MCUAI3053) before any work.
                    WeightBits = ModelQuantizer.IsQuantized(model) && model.MainSubgraph.Tensors.All(t => t.Type != TensorType.INT16) ? WeightBitsMode.Four : WeightBitsMode.Eight,
                };
                var result = SimplificationPipeline.Run(new SimplificationRequest { ModelPath = path, Settings = settings, MaxParallelism = 1 });
                var md = new System.Text.StringBuilder();
                new SimplificationReportSection(result.RecordJson).WriteMarkdown(md);
                ModelReader.Read(result.ModelBytes, path);
                return OutputChecks.Document("the simplification report section", md.ToString()) ?? OutputChecks.Diagnostics(result.Diagnostics, path);
            }, path);
        }

        /// <summary>
        /// A model the reader accepted must not be refused for its format, its options or its ranges by a later
        /// consumer: those (MCUAI00xx, MCUAI1012) are the reader's to find, once for all of them, so that analyze,
        /// generate and run agree. (MCUAI0010, a format feature a consumer does not support, such as the writer's
        /// out-of-FlatBuffer custom options, is a limit of that consumer, not a check.) The simplification pipeline is left
        /// out: it also reads the models it writes after each step, and a refusal there (known: MCUAI0009, 0011, 0015 on
        /// some hostile inputs) is a defect of its rewriting, counted in its outcomes, not a disagreement about the input.
        /// </summary>
        private static string? Inconsistency(List<ConsumerRun> runs)
        {
            foreach (var r in runs)
                if (r.Outcome == Outcome.Coded && r.Code != DiagnosticCodes.UnsupportedFormatFeature && r.Consumer is not ("simplify" or "data") &&
                    (r.Code.StartsWith("MCUAI00", StringComparison.Ordinal) || r.Code == DiagnosticCodes.OptionOutOfRange))
                    return $"the reader accepted the model but {r.Consumer} refused it with {r.Code}";
            return null;
        }

        /// <summary>Runs one consumer, timing it and counting what it allocates, and classifies how it ended.</summary>
        public static ConsumerRun Measure(string consumer, Func<string?> work, string file = FileName, string? dataFile = null)
        {
            long before = GC.GetTotalAllocatedBytes(false);
            var cpu = Environment.CpuUsage.TotalTime;
            var clock = Stopwatch.StartNew();
            Outcome outcome;
            string code;
            string? detail;
            try
            {
                detail = work();
                outcome = detail is null ? Outcome.Accepted : Outcome.BadDiagnostic;
                code = detail is null ? "" : "bad-output";
            }
            catch (McuAiException e)
            {
                code = e.Code;
                // A data file is named as "data.npz" or, for one of its arrays, "data.npz[member]".
                bool namesFile = e.File == file || (dataFile is not null && e.File is { } f && (f == dataFile || f.StartsWith(dataFile + "[", StringComparison.Ordinal)));
                detail = !namesFile ? $"{e.Code} names '{e.File}', not the file" : OutputChecks.Message(e.Message);
                outcome = detail is null ? Outcome.Coded : Outcome.BadDiagnostic;
                if (detail is null) detail = e.Message.Length > 300 ? e.Message.Substring(0, 300) : e.Message;
            }
            catch (Exception e)
            {
                outcome = Outcome.Uncoded;
                code = "Uncoded:" + e.GetType().Name;
                detail = Describe(e);
            }
            clock.Stop();
            double cpuMilliseconds = (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds;
            long allocated = GC.GetTotalAllocatedBytes(false) - before;
            return new ConsumerRun(consumer, outcome, code, cpuMilliseconds, allocated, detail, clock.Elapsed.TotalMilliseconds);
        }

        private static string Describe(Exception e)
        {
            string message = e.Message.Length > 300 ? e.Message.Substring(0, 300) : e.Message;
            var frames = (e.StackTrace ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Take(6);
            return $"{e.GetType().FullName}: {message} | {string.Join(" | ", frames)}";
        }
    }
}
