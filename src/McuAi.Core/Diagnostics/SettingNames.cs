using System.Collections.Generic;

namespace McuAi.Diagnostics
{
    /// <summary>A setting that a message may tell the user to change.</summary>
    public enum Setting
    {
        ArenaSize,
        Calibration,
        CalibrationMethod,
        Percentile,
        MinCosine,
        MaxL2Error,
        MinTop1Agreement,
        QuantizationMode,
        Validation,
        PruneRatio,
        PruneMaxLayerRatio,
        PruneCriterion,
        WeightSparsity,
        SparsityBlock,
        WeightBits,
        Runtime,
        SelfTest,
    }

    /// <summary>
    /// How the user writes a setting where a message is shown: a flag of `mcuai` on the command line, or the
    /// McuAiModel item metadata in an MSBuild project. The core words its advice through this, so a build never
    /// suggests <c>--calibration-method percentile</c> and the command line never suggests <c>CalibrationMethod</c>.
    /// </summary>
    public sealed class SettingNames
    {
        private static readonly Dictionary<Setting, string> s_flags = new()
        {
            [Setting.ArenaSize] = "--arena-size",
            [Setting.Calibration] = "--calibration",
            [Setting.CalibrationMethod] = "--calibration-method",
            [Setting.Percentile] = "--percentile",
            [Setting.MinCosine] = "--min-cosine",
            [Setting.MaxL2Error] = "--max-l2-error",
            [Setting.MinTop1Agreement] = "--min-top1-agreement",
            [Setting.QuantizationMode] = "--mode",
            [Setting.Validation] = "--validation",
            [Setting.PruneRatio] = "--ratio",
            [Setting.PruneMaxLayerRatio] = "--max-layer-ratio",
            [Setting.PruneCriterion] = "--criterion",
            [Setting.WeightSparsity] = "--sparsity",
            [Setting.SparsityBlock] = "--sparsity-block",
            [Setting.WeightBits] = "--weight-bits",
            [Setting.Runtime] = "--runtime",
            [Setting.SelfTest] = "--self-test",
        };

        private static readonly Dictionary<Setting, string> s_metadata = new()
        {
            [Setting.ArenaSize] = "ArenaSize",
            [Setting.Calibration] = "Calibration",
            [Setting.CalibrationMethod] = "CalibrationMethod",
            [Setting.Percentile] = "Percentile",
            [Setting.MinCosine] = "MinCosine",
            [Setting.MaxL2Error] = "MaxL2Error",
            [Setting.MinTop1Agreement] = "MinTop1Agreement",
            [Setting.QuantizationMode] = "Quantize",
            [Setting.Validation] = "Validation",
            [Setting.PruneRatio] = "PruneRatio",
            [Setting.PruneMaxLayerRatio] = "PruneMaxLayerRatio",
            [Setting.PruneCriterion] = "PruneCriterion",
            [Setting.WeightSparsity] = "WeightSparsity",
            [Setting.SparsityBlock] = "SparsityBlock",
            [Setting.WeightBits] = "WeightBits",
            [Setting.Runtime] = "Runtime",
            [Setting.SelfTest] = "SelfTest",
        };

        /// <summary>Flags of the `mcuai` command (the default of the core's option objects).</summary>
        public static SettingNames CommandLine { get; } = new(s_flags, "{0} {1}");

        /// <summary>Metadata of a McuAiModel item (the MSBuild SDK).</summary>
        public static SettingNames ItemMetadata { get; } = new(s_metadata, "{0}=\"{1}\"");

        private readonly Dictionary<Setting, string> _names;
        private readonly string _assignment;

        private SettingNames(Dictionary<Setting, string> names, string assignment)
        {
            _names = names;
            _assignment = assignment;
        }

        /// <summary>The setting's name: <c>--min-cosine</c> or <c>MinCosine</c>.</summary>
        public string Name(Setting setting) => _names[setting];

        /// <summary>The setting with a value, as the user would write it: <c>--calibration-method percentile</c> or <c>CalibrationMethod="percentile"</c>.</summary>
        public string Assign(Setting setting, string value) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, _assignment, _names[setting], value);
    }
}
