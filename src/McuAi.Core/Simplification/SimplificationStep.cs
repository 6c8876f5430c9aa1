using System;
using System.Collections.Generic;
using McuAi.Diagnostics;
using McuAi.Quantization;
using McuAi.TfLite;

namespace McuAi.Simplification
{
    /// <summary>What a step sees: the request, the data loaders, the accuracy probe and the log.</summary>
    internal sealed class StepContext
    {
        private readonly Func<AccuracyProbe?> _probe;
        private AccuracyProbe? _probeValue;
        private bool _probed;

        public StepContext(SimplificationRequest request, Func<AccuracyProbe?> probe, Action<QuantizationProgress>? progress)
        {
            Request = request;
            _probe = probe;
            Progress = progress;
        }

        public SimplificationRequest Request { get; }
        public string ModelFile => Request.ModelPath;
        public Action<QuantizationProgress>? Progress { get; }
        public QuantizationOptions RunOptions => new() { MaxParallelism = Request.MaxParallelism };

        /// <summary>The reference model's outputs on the validation data (computed on first use), or null without validation data.</summary>
        public AccuracyProbe? Probe
        {
            get
            {
                if (!_probed) { _probeValue = _probe(); _probed = true; }
                return _probeValue;
            }
        }

        /// <summary>The calibration samples for <paramref name="model"/>'s inputs, or null when none were given.</summary>
        public CalibrationData? Calibration(Model model) =>
            Request.CalibrationFiles.Count == 0 ? null : CalibrationData.Load(Request.CalibrationFiles, model);
    }

    /// <summary>One step of <see cref="SimplificationPipeline"/>: its cache identity, its work, and what to say when it breaks a gate.</summary>
    internal abstract class SimplificationStep
    {
        /// <summary>Short name (channels, sparsity, quantization, weight-bits): JSON and cache keys.</summary>
        public abstract string Name { get; }
        public abstract string Title { get; }
        /// <summary>Every setting that changes the step's output.</summary>
        public abstract string Settings { get; }
        /// <summary>Data files whose bytes change the output (part of the cache key).</summary>
        public virtual IReadOnlyList<string> DataFiles(SimplificationRequest request) => Array.Empty<string>();

        /// <summary>Runs the step on <paramref name="input"/>; fills the record's notes and table.</summary>
        public abstract byte[] Run(StepContext context, byte[] input, Model inputModel, StepRecord record);

        /// <summary>The layer that costs most accuracy in <paramref name="output"/>, as a sentence, or null.</summary>
        public abstract string? CostliestLayer(StepContext context, Model inputModel, Model output);

        /// <summary>What the user can change when this step breaks a gate, in the words of where the message is shown.</summary>
        public abstract string Advice(SettingNames names);
    }
}
