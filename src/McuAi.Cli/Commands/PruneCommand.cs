using System.CommandLine;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.Simplification;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// <c>mcuai prune MODEL --out OUT.tflite [--ratio R] [--sparsity S] [options]</c>: channel pruning (a smaller model
    /// for every runtime) and/or weight (magnitude) pruning, each measured against the input model and gated like
    /// quantization. Exit codes: 0 done, 1 coded error on stderr (no output file).
    /// </summary>
    public sealed class PruneCommand : ICliCommand
    {
        public Command Create()
        {
            var model = new Argument<string>("model") { Description = "The .tflite model (float or int8)." };
            var output = new Option<string>("--out") { Description = "The pruned .tflite to write.", Required = true };
            var ratio = new Option<double?>("--ratio") { Description = "Channel pruning: fraction of the prunable channels to remove (0-1), e.g. 0.3." };
            var maxLayer = new Option<double?>("--max-layer-ratio") { Description = "Channel pruning: largest fraction removed from one layer (default: the ratio, the same fraction everywhere)." };
            var multiple = new Option<int>("--multiple") { Description = "Channel pruning: keep channel counts multiples of N (4 for SIMD kernels).", DefaultValueFactory = _ => 1 };
            var minChannels = new Option<int>("--min-channels") { Description = "Channel pruning: fewest channels a layer keeps.", DefaultValueFactory = _ => 1 };
            var criterion = new Option<string>("--criterion") { Description = "Channel ranking: l1 (default), l2 (filter norms) or activation (needs --calibration).", DefaultValueFactory = _ => "l1" };
            criterion.AcceptOnlyFromAmong("l1", "l2", "activation");
            var noCompensation = new Option<bool>("--no-bias-compensation") { Description = "Do not fold removed channels' mean contribution into the next layer's bias." };
            var sparsity = new Option<double?>("--sparsity") { Description = "Weight pruning: fraction of each layer's weight blocks set to zero (0-1)." };
            var block = new Option<int>("--sparsity-block") { Description = "Weight pruning: weights zeroed together along the input dimension (1, 2, 4, 8, 16).", DefaultValueFactory = _ => 4 };
            var scope = new Option<string>("--sparsity-scope") { Description = "Weight pruning: layer (the same sparsity everywhere, default) or global (one threshold over all layers).", DefaultValueFactory = _ => "layer" };
            scope.AcceptOnlyFromAmong("layer", "global");
            var calibration = new Option<string?>("--calibration") { Description = "Calibration data (.npy/.npz, folder, glob): activation criterion and bias compensation." };
            var validation = new Option<string?>("--validation") { Description = "Validation data (default: the calibration data when a gate is given)." };
            var minCosine = new Option<double?>("--min-cosine") { Description = "Gate: smallest cosine similarity to the input model on every output." };
            var maxL2 = new Option<double?>("--max-l2-error") { Description = "Gate: largest relative L2 error on every output." };
            var minTop1 = new Option<double?>("--min-top1-agreement") { Description = "Gate: smallest top-1 agreement (0-1) on classifier outputs." };
            var classifier = new Option<bool>("--classifier") { Description = "Treat every output as a classifier for top-1 agreement." };
            var json = new Option<bool>("--json") { Description = "Print the run's record as JSON instead of Markdown tables." };
            var command = new Command("prune", "Remove channels (smaller model, fewer MACs) and/or zero small weights of a TensorFlow Lite model, with accuracy gates.")
            {
                model, output, ratio, maxLayer, multiple, minChannels, criterion, noCompensation, sparsity, block, scope, calibration, validation,
                minCosine, maxL2, minTop1, classifier, json,
            };
            command.SetAction(parse =>
            {
                string modelPath = parse.GetValue(model)!;
                var settings = new SimplificationSettings();
                try
                {
                    if (parse.GetValue(ratio) is double r)
                        settings.Channels = new ChannelPruningOptions
                        {
                            Ratio = r,
                            MaxLayerRatio = parse.GetValue(maxLayer),
                            Multiple = parse.GetValue(multiple),
                            MinChannels = parse.GetValue(minChannels),
                            Criterion = ChannelPruningOptions.ParseCriterion(parse.GetValue(criterion)!),
                            CompensateBias = !parse.GetValue(noCompensation),
                        };
                    if (parse.GetValue(sparsity) is double s)
                        settings.Sparsity = new WeightPruningOptions { Sparsity = s, Block = parse.GetValue(block), Global = WeightPruningOptions.ParseScope(parse.GetValue(scope)!) };
                    if (settings.Channels is null && settings.Sparsity is null)
                        throw new McuAiException(DiagnosticCodes.SimplificationOptionInvalid, modelPath,
                            "nothing to prune: give --ratio for channel pruning, --sparsity for weight pruning, or both.");
                }
                catch (McuAiException e)
                {
                    parse.InvocationConfiguration.Error.WriteLine(e.ToString());
                    return 1;
                }
                var gates = new QualityGates { MinCosine = parse.GetValue(minCosine), MaxL2Error = parse.GetValue(maxL2), MinTop1Agreement = parse.GetValue(minTop1) };
                return SimplificationRun.Execute(parse, modelPath, parse.GetValue(output)!, settings, parse.GetValue(calibration), parse.GetValue(validation),
                    gates, parse.GetValue(classifier), parse.GetValue(json));
            });
            return command;
        }
    }
}
