using System;
using System.Collections.Generic;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.Quantization;

namespace McuAi.Simplification
{
    /// <summary>Filter precision after quantization (item metadata WeightBits, `mcuai quantize --weight-bits`).</summary>
    public enum WeightBitsMode
    {
        /// <summary>int8 filters (the default).</summary>
        Eight,
        /// <summary>INT4 filters for every CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED that can take them.</summary>
        Four,
        /// <summary>INT4 where the accuracy gates still hold, chosen greedily layer by layer; 8 bits elsewhere.</summary>
        Auto,
    }

    /// <summary>Which simplification steps run, in this order: channel pruning, weight pruning, quantization, 4-bit weights.</summary>
    public sealed class SimplificationSettings
    {
        public ChannelPruningOptions? Channels { get; set; }
        public WeightPruningOptions? Sparsity { get; set; }
        /// <summary>Null: no quantization step (the model is float, or already quantized).</summary>
        public QuantizationOptions? Quantization { get; set; }
        public WeightBitsMode WeightBits { get; set; } = WeightBitsMode.Eight;
        /// <summary>The runtime the model is for ("tflm", or "c" once the C backend exists): decides what weight pruning saves.</summary>
        public string Runtime { get; set; } = "tflm";

        public bool Any => Channels is not null || Sparsity is not null || Quantization is not null || WeightBits != WeightBitsMode.Eight;

        public static WeightBitsMode ParseWeightBits(string text) => text.Trim().ToLowerInvariant() switch
        {
            "" or "8" => WeightBitsMode.Eight,
            "4" => WeightBitsMode.Four,
            "auto" => WeightBitsMode.Auto,
            _ => throw ChannelPruningOptions.Invalid($"unknown weight bits '{text}': use 8, 4 or auto"),
        };

        public static string Text(WeightBitsMode mode) => mode switch
        {
            WeightBitsMode.Four => "4",
            WeightBitsMode.Auto => "auto",
            _ => "8",
        };
    }

    /// <summary>One model's simplification in a build or a CLI run.</summary>
    public sealed class SimplificationRequest
    {
        public string ModelPath { get; set; } = "";
        public IReadOnlyList<string> CalibrationFiles { get; set; } = Array.Empty<string>();
        /// <summary>Empty: the calibration files are used when a gate is set.</summary>
        public IReadOnlyList<string> ValidationFiles { get; set; } = Array.Empty<string>();
        public SimplificationSettings Settings { get; set; } = new();
        /// <summary>Checked after every step against the user's model (float, unpruned).</summary>
        public QualityGates Gates { get; set; } = new();
        public bool Classifier { get; set; }
        /// <summary>Where step results are cached; empty = no cache (the CLI).</summary>
        public string CacheFolder { get; set; } = "";
        /// <summary>Pointer size and kernel set of the RAM (arena) figures.</summary>
        public AnalysisOptions Analysis { get; set; } = new() { PointerSize = 4 };
        /// <summary>Worker threads for calibration and validation (0: one per processor).</summary>
        public int MaxParallelism { get; set; }
        /// <summary>
        /// How messages name the settings: as the gates word their figures (<see cref="QualityGates.Names"/>: command-line
        /// flags by default, item metadata in the SDK), so that one message never mixes the two. Not part of the output.
        /// </summary>
        public SettingNames Names => Gates.Names;

        /// <summary>The validation data: the given files, else the calibration files when a gate is set, else none.</summary>
        public IReadOnlyList<string> EffectiveValidationFiles =>
            ValidationFiles.Count > 0 ? ValidationFiles : Gates.IsEmpty ? Array.Empty<string>() : CalibrationFiles;
    }
}
