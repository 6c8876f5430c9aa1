using System;
using System.CommandLine;
using System.IO;
using McuAi.Analysis;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.Reports;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// <c>mcuai analyze MODEL [--json] [--pointer-size 4|8] [--kernels reference|cmsis-nn] [--runtime tflm|c] [--optimize speed|size] [--report DIR]</c>:
    /// per-layer table, totals, flash and arena figures, the resolver calls and TFLM support warnings; with
    /// <c>--runtime c</c> also the model compiled to C: its RAM next to TFLM's arena, its flash data and its memory plan.
    /// Exit codes: 0 analyzed (even when TFLM cannot run the model: that is a finding, shown as an error-severity warning),
    /// 1 for bad input (unreadable or malformed model, unwritable report folder) with a coded error on stderr.
    /// </summary>
    public sealed class AnalyzeCommand : ICliCommand
    {
        public Command Create()
        {
            var model = new Argument<string>("model") { Description = "The .tflite model file." };
            var json = new Option<bool>("--json") { Description = "Print the stable JSON form (see docs/analysis.md) instead of the table." };
            var pointerSize = new Option<int>("--pointer-size")
            {
                Description = "Target pointer size in bytes: 4 for a 32-bit MCU, 8 for a 64-bit host. Changes only the arena figure.",
                DefaultValueFactory = _ => 4,
            };
            pointerSize.AcceptOnlyFromAmong("4", "8");
            var kernels = new Option<string>("--kernels")
            {
                Description = "TFLM kernel set the firmware links: reference or cmsis-nn. Changes only the arena figure.",
                DefaultValueFactory = _ => "reference",
            };
            kernels.AcceptOnlyFromAmong("reference", "cmsis-nn");
            var runtime = new Option<string>("--runtime")
            {
                Description = "tflm (the TFLM figures) or c: also compile the model to C and show its RAM, flash data and memory plan next to TFLM's.",
                DefaultValueFactory = _ => "tflm",
            };
            runtime.AcceptOnlyFromAmong("tflm", "c");
            var optimize = GenerateCommand.OptimizeOption();
            var reportDir = new Option<string?>("--report") { Description = "Also write <name>_report.md, <name>_report.json and the arena timeline <name>_arena.svg into this folder (name: the model's file name as a C identifier, as generate's default symbol)." };

            var command = new Command("analyze", "Analyze a TensorFlow Lite model for TFLM: layers, MACs, weights, flash, arena, ops to register.")
            {
                model, json, pointerSize, kernels, runtime, optimize, reportDir,
            };
            command.SetAction(parse =>
            {
                var stdout = parse.InvocationConfiguration.Output;
                var stderr = parse.InvocationConfiguration.Error;
                var options = new AnalysisOptions
                {
                    PointerSize = parse.GetValue(pointerSize),
                    Kernels = parse.GetValue(kernels) == "cmsis-nn" ? KernelSet.CmsisNn : KernelSet.Reference,
                };
                try
                {
                    string modelPath = parse.GetValue(model)!;
                    var optimization = GenerateCommand.ParseOptimize(parse.GetValue(optimize)!, modelPath);
                    var report = ModelReport.FromFile(modelPath, options);
                    McuAi.Compiler.CRuntimeReportSection? cRuntime = null;
                    if (parse.GetValue(runtime) == "c")
                    {
                        var compiled = McuAi.Compiler.CModelCompiler.Compile(report.Model, "model", modelPath, optimization);
                        report.Add(cRuntime = new McuAi.Compiler.CRuntimeReportSection(compiled, report.Arena.ArenaBytes));
                    }
                    string? dir = parse.GetValue(reportDir);
                    if (dir is not null) ReportWriter.Write(report, dir, CIdentifier.Sanitize(Path.GetFileNameWithoutExtension(modelPath)));
                    if (parse.GetValue(json)) stdout.Write(ReportJson.Render(report));
                    else
                    {
                        stdout.Write(ReportText.Render(report));
                        if (cRuntime is not null)
                        {
                            var text = new System.Text.StringBuilder("\n");
                            cRuntime.WriteMarkdown(text);
                            stdout.Write(text.ToString());
                        }
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
    }
}
