using System.CommandLine;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// <c>mcuai validate FLOAT QUANTIZED --data DATA [--json]</c>: runs both models on the same float
    /// samples and prints, per output, cosine similarity, relative L2 error, RMSE, max abs error and
    /// top-1 agreement (classifiers). Optional gates make it fail (exit 1, MCUAI3030) like the build does.
    /// </summary>
    public sealed class ValidateCommand : ICliCommand
    {
        public Command Create()
        {
            var floatModel = new Argument<string>("float") { Description = "The float reference .tflite." };
            var quantizedModel = new Argument<string>("quantized") { Description = "The quantized .tflite (ours or the TF converter's)." };
            var data = new Option<string>("--data") { Description = "Input samples: .npy/.npz file, folder or glob.", Required = true };
            var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
            var classifier = new Option<bool>("--classifier") { Description = "Treat every output as a classifier (outputs of SOFTMAX always are)." };
            var minCosine = new Option<double?>("--min-cosine") { Description = "Gate: smallest cosine similarity allowed on every output." };
            var maxL2 = new Option<double?>("--max-l2-error") { Description = "Gate: largest relative L2 error allowed on every output." };
            var minTop1 = new Option<double?>("--min-top1-agreement") { Description = "Gate: smallest top-1 agreement (0-1) on classifier outputs." };
            var command = new Command("validate", "Compare a quantized model with its float model on the same inputs.")
            {
                floatModel, quantizedModel, data, json, classifier, minCosine, maxL2, minTop1,
            };
            command.SetAction(parse =>
            {
                var stdout = parse.InvocationConfiguration.Output;
                var stderr = parse.InvocationConfiguration.Error;
                try
                {
                    string floatPath = parse.GetValue(floatModel)!, quantizedPath = parse.GetValue(quantizedModel)!;
                    var reference = ModelReader.Read(QuantizeCommand.ReadModel(floatPath), floatPath);
                    var quantized = ModelReader.Read(QuantizeCommand.ReadModel(quantizedPath), quantizedPath);
                    var samples = CalibrationData.Load(parse.GetValue(data)!, reference);
                    var gates = new QualityGates { MinCosine = parse.GetValue(minCosine), MaxL2Error = parse.GetValue(maxL2), MinTop1Agreement = parse.GetValue(minTop1) };
                    QualityGates.Validate(gates);
                    var progress = new ProgressPrinter(stderr, System.Console.IsErrorRedirected);
                    var metrics = QuantizationValidator.Validate(reference, quantized, samples, parse.GetValue(classifier), null, progress.Report, floatPath, quantizedPath);
                    progress.Finish();
                    if (parse.GetValue(json)) stdout.WriteLine(MetricsJson.Render(metrics));
                    else foreach (var m in metrics) stdout.WriteLine(m);
                    gates.Check(metrics, quantizedPath);
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
