using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using McuAi.Diagnostics;
using Microsoft.Build.Framework;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The model-simplification metadata of a McuAiModel item (Prune, PruneRatio, ..., WeightSparsity, WeightBits), checked
    /// and normalised; the names of the `mcuai prune` and `mcuai quantize --weight-bits` options. Free of McuAi.Core types,
    /// like <see cref="ModelSettings"/>: the prepare step parses it.
    /// </summary>
    internal sealed class SimplifySettings
    {
        /// <summary>"none" or "channels".</summary>
        public string Prune { get; private set; } = "none";
        public double PruneRatio { get; private set; } = 0.25;
        public double? PruneMaxLayerRatio { get; private set; }
        /// <summary>"l1", "l2" or "activation".</summary>
        public string PruneCriterion { get; private set; } = "l1";
        public int PruneMultiple { get; private set; } = 1;
        public int PruneMinChannels { get; private set; } = 1;
        public double? WeightSparsity { get; private set; }
        public int SparsityBlock { get; private set; } = 4;
        /// <summary>"layer" or "global".</summary>
        public string SparsityScope { get; private set; } = "layer";
        /// <summary>"8", "4" or "auto".</summary>
        public string WeightBits { get; private set; } = "8";

        public bool PrunesChannels => Prune == "channels";
        public bool Any => PrunesChannels || WeightSparsity is not null || WeightBits != "8";

        public static SimplifySettings Parse(ITaskItem item, string name, List<(string Code, string Message)> errors)
        {
            var s = new SimplifySettings();
            string prune = item.GetMetadata("Prune").Trim().ToLowerInvariant();
            if (prune.Length == 0 || prune == "none" || prune == "channels") s.Prune = prune.Length == 0 ? "none" : prune;
            else errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, "Prune", prune, "'none' or 'channels'"));
            s.PruneRatio = Number(item, name, "PruneRatio", v => v >= 0 && v < 1, "a fraction in [0, 1), such as 0.3", errors) ?? 0.25;
            s.PruneMaxLayerRatio = Number(item, name, "PruneMaxLayerRatio", v => v >= 0 && v < 1, "a fraction in [0, 1), at least PruneRatio", errors);
            string criterion = item.GetMetadata("PruneCriterion").Trim().ToLowerInvariant();
            if (criterion.Length == 0 || criterion == "l1" || criterion == "l2" || criterion == "activation") s.PruneCriterion = criterion.Length == 0 ? "l1" : criterion;
            else errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, "PruneCriterion", criterion, "'l1', 'l2' or 'activation'"));
            s.PruneMultiple = Integer(item, name, "PruneMultiple", 1, v => v >= 1 && v <= 64, "a channel multiple from 1 to 64, such as 4", errors);
            s.PruneMinChannels = Integer(item, name, "PruneMinChannels", 1, v => v >= 1, "a channel count of 1 or more", errors);
            s.WeightSparsity = Number(item, name, "WeightSparsity", v => v >= 0 && v < 1, "a fraction in [0, 1), such as 0.5", errors);
            s.SparsityBlock = Integer(item, name, "SparsityBlock", 4, v => v is 1 or 2 or 4 or 8 or 16, "1, 2, 4, 8 or 16", errors);
            string scope = item.GetMetadata("SparsityScope").Trim().ToLowerInvariant();
            if (scope.Length == 0 || scope == "layer" || scope == "global") s.SparsityScope = scope.Length == 0 ? "layer" : scope;
            else errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, "SparsityScope", scope, "'layer' or 'global'"));
            string bits = item.GetMetadata("WeightBits").Trim().ToLowerInvariant();
            if (bits.Length == 0 || bits == "8" || bits == "4" || bits == "auto") s.WeightBits = bits.Length == 0 ? "8" : bits;
            else errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, "WeightBits", bits, "'8', '4' or 'auto'"));
            return s;
        }

        /// <summary>The lines hashed into the model's metadata file.</summary>
        public string Canonical()
        {
            var sb = new StringBuilder();
            sb.Append("prune=").Append(Prune).Append('\n');
            sb.Append("pruneratio=").Append(Format(PruneRatio)).Append('\n');
            sb.Append("prunemaxlayerratio=").Append(Format(PruneMaxLayerRatio)).Append('\n');
            sb.Append("prunecriterion=").Append(PruneCriterion).Append('\n');
            sb.Append("prunemultiple=").Append(PruneMultiple.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("pruneminchannels=").Append(PruneMinChannels.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("weightsparsity=").Append(Format(WeightSparsity)).Append('\n');
            sb.Append("sparsityblock=").Append(SparsityBlock.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("sparsityscope=").Append(SparsityScope).Append('\n');
            sb.Append("weightbits=").Append(WeightBits).Append('\n');
            return sb.ToString();
        }

        public void CopyTo(ITaskItem item)
        {
            item.SetLiteral("Prune", Prune);
            item.SetLiteral("PruneRatio", Format(PruneRatio));
            item.SetLiteral("PruneMaxLayerRatio", Format(PruneMaxLayerRatio));
            item.SetLiteral("PruneCriterion", PruneCriterion);
            item.SetLiteral("PruneMultiple", PruneMultiple.ToString(CultureInfo.InvariantCulture));
            item.SetLiteral("PruneMinChannels", PruneMinChannels.ToString(CultureInfo.InvariantCulture));
            item.SetLiteral("WeightSparsity", Format(WeightSparsity));
            item.SetLiteral("SparsityBlock", SparsityBlock.ToString(CultureInfo.InvariantCulture));
            item.SetLiteral("SparsityScope", SparsityScope);
            item.SetLiteral("WeightBits", WeightBits);
        }

        private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

        private static double? Number(ITaskItem item, string name, string metadata, Func<double, bool> valid, string expected, List<(string, string)> errors)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && valid(value)) return value;
            errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, metadata, text, expected));
            return null;
        }

        private static int Integer(ITaskItem item, string name, string metadata, int fallback, Func<int, bool> valid, string expected, List<(string, string)> errors)
        {
            string text = item.GetMetadata(metadata).Trim();
            if (text.Length == 0) return fallback;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && valid(value)) return value;
            errors.Add(ModelSettings.Bad(DiagnosticCodes.InvalidItemMetadata, name, metadata, text, expected));
            return fallback;
        }
    }
}
