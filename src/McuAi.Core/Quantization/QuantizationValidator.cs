using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.TfLite;

namespace McuAi.Quantization
{
    /// <summary>
    /// Runs a float model and its quantized version on the same float samples and measures, per
    /// output, how far the quantized outputs are from the float ones (see <see cref="OutputMetrics"/>).
    /// Integer inputs are fed the samples quantized with their parameters; integer outputs are dequantized.
    /// </summary>
    public static class QuantizationValidator
    {
        /// <param name="classifier">Treat every output as a classifier (item metadata Classifier="true"); otherwise outputs produced by SOFTMAX are.</param>
        public static IReadOnlyList<OutputMetrics> Validate(Model floatModel, Model quantizedModel, CalibrationData data, bool classifier = false,
                                                            QuantizationOptions? options = null, Action<QuantizationProgress>? progress = null,
                                                            string? floatFile = null, string? quantizedFile = null)
        {
            options ??= new QuantizationOptions();
            CheckCorresponding(floatModel, quantizedModel, quantizedFile);
            var reference = Run(floatModel, data, options, progress, "validate (float)", floatFile);
            var quantized = Run(quantizedModel, data, options, progress, "validate (quantized)", quantizedFile);

            var g = floatModel.MainSubgraph;
            var metrics = new List<OutputMetrics>();
            for (int k = 0; k < g.Outputs.Length; k++)
            {
                var tensor = g.Tensors[g.Outputs[k]];
                bool isClassifier = classifier || ProducedBySoftmax(floatModel, g.Outputs[k]);
                var m = new OutputMetrics(tensor.Name ?? $"output {k}", isClassifier);
                int classes = tensor.Shape.Length > 0 ? tensor.Shape[tensor.Shape.Length - 1] : 1;
                // Reduced in sample order, whatever order the workers finished in.
                for (int s = 0; s < data.Count; s++) m.Add(reference[s][k], quantized[s][k], classes);
                metrics.Add(m);
            }
            return metrics;
        }

        internal static bool ProducedBySoftmax(Model model, int tensor) =>
            model.MainSubgraph.Operators.Any(op => op.Outputs.Contains(tensor) && model.CodeOf(op).Op == BuiltinOperator.SOFTMAX);

        private static void CheckCorresponding(Model a, Model b, string? file)
        {
            var ga = a.MainSubgraph;
            var gb = b.MainSubgraph;
            if (ga.Inputs.Length != gb.Inputs.Length || ga.Outputs.Length != gb.Outputs.Length)
                throw new McuAiException(DiagnosticCodes.ValidationModelMismatch, file,
                    $"the models do not correspond: {ga.Inputs.Length} vs {gb.Inputs.Length} inputs, {ga.Outputs.Length} vs {gb.Outputs.Length} outputs.");
            for (int k = 0; k < ga.Inputs.Length; k++)
                if (ga.Tensors[ga.Inputs[k]].ElementCount != gb.Tensors[gb.Inputs[k]].ElementCount)
                    throw new McuAiException(DiagnosticCodes.ValidationModelMismatch, file, $"input {k} has a different shape in the two models.");
            for (int k = 0; k < ga.Outputs.Length; k++)
                if (ga.Tensors[ga.Outputs[k]].ElementCount != gb.Tensors[gb.Outputs[k]].ElementCount)
                    throw new McuAiException(DiagnosticCodes.ValidationModelMismatch, file, $"output {k} has a different shape in the two models.");
        }

        /// <summary>Every sample's outputs as floats: [sample][output][value].</summary>
        internal static float[][][] Run(Model model, CalibrationData data, QuantizationOptions options, Action<QuantizationProgress>? progress, string phase, string? file)
        {
            var g = model.MainSubgraph;
            var inputs = g.Inputs.Select(i => g.Tensors[i]).ToArray();
            var interpreter = new ModelInterpreter(model, new InterpreterOptions { AllowHybrid = true }, file);
            var results = new float[data.Count][][];
            var reporter = new ProgressCounter(progress, phase, data.Count);
            Calibrator.ForEachSample(interpreter, data, options, (s, run) =>
            {
                var bytes = new byte[run.InputBytes];
                int offset = 0;
                for (int k = 0; k < inputs.Length; k++)
                {
                    int size = run.Input(k).ByteSize;
                    TensorCodec.Encode(data.Samples[s][k], inputs[k], bytes.AsSpan(offset, size), file);
                    offset += size;
                }
                run.ResetVariableTensors(); // every sample is a sequence of its own
                run.SetInputs(bytes);
                run.Invoke();
                var outputs = new float[run.OutputCount][];
                for (int k = 0; k < outputs.Length; k++) outputs[k] = TensorCodec.Decode(run.Output(k), file);
                results[s] = outputs;
                reporter.Step();
            });
            return results;
        }
    }
}
