using System.Linq;
using McuAi.Diagnostics;

namespace McuAi.CodeGen
{
    /// <summary>Checks generation options before anything is rendered: every bad value is a coded error that says what to do.</summary>
    public static class OptionsValidator
    {
        public static void Validate(GenerationOptions options, string? file)
        {
            string? problem = CIdentifier.Problem(options.Symbol);
            if (problem is not null)
                throw new McuAiException(DiagnosticCodes.InvalidSymbol, file,
                    $"the symbol '{CText.Comment(options.Symbol)}' cannot prefix C names: {problem}. Set a symbol such as '{CIdentifier.Sanitize(options.Symbol)}'.");
            if (!string.IsNullOrEmpty(options.Namespace))
            {
                var parts = options.Namespace!.Split(new[] { "::" }, System.StringSplitOptions.None);
                var bad = parts.FirstOrDefault(p => !CIdentifier.IsValid(p));
                if (bad is not null)
                    throw new McuAiException(DiagnosticCodes.InvalidNamespace, file,
                        $"the namespace '{CText.Comment(options.Namespace)}' is not a C++ namespace name ('{CText.Comment(bad)}': {CIdentifier.Problem(bad)}). Use identifiers separated by '::'.");
            }
            int a = options.Alignment;
            if (a < 8 || a > 65536 || (a & (a - 1)) != 0)
                throw new McuAiException(DiagnosticCodes.InvalidAlignment, file,
                    $"the alignment {a} is not a power of two from 8 to 65536 (TFLM needs at least 8 for the model and 16 for the arena). Use 16 unless your hardware needs more.");
            CheckSection(options.Section, "model array", file);
            CheckSection(options.ArenaSection, "arena", file);
            if (options.TargetPointerSize != 4 && options.TargetPointerSize != 8)
                throw new McuAiException(DiagnosticCodes.InvalidArenaOption, file,
                    $"the target pointer size {options.TargetPointerSize} is not 4 (32-bit MCU) or 8 (64-bit host).");
            if (options.ArenaSize is long size && (size <= 0 || size > int.MaxValue))
                throw new McuAiException(DiagnosticCodes.InvalidArenaOption, file,
                    $"the arena size {size} is not between 1 and {int.MaxValue} bytes. Use 'auto' or a positive byte count.");
            if (options.ArenaMarginPercent < 0 || options.ArenaMarginPercent > 1000 || double.IsNaN(options.ArenaMarginPercent))
                throw new McuAiException(DiagnosticCodes.InvalidArenaOption, file,
                    $"the arena margin {options.ArenaMarginPercent}% is not between 0 and 1000.");
            if (options.SelfTest < 0 || options.SelfTest > MaxSelfTestVectors)
                throw new McuAiException(DiagnosticCodes.SelfTestInvalid, file,
                    $"the self-test vector count {options.SelfTest} is not between 0 (none) and {MaxSelfTestVectors}. Use a small count such as {options.Names.Assign(Setting.SelfTest, "3")}" +
                    // Only the item metadata takes "true" for the default count; the flag takes a number.
                    (ReferenceEquals(options.Names, SettingNames.ItemMetadata) ? $" ({options.Names.Assign(Setting.SelfTest, "true")} gives {DefaultSelfTestVectors})." : "."));
        }

        /// <summary>Most self-test vectors a model may embed (each is a copy of the inputs and outputs in flash).</summary>
        public const int MaxSelfTestVectors = 1000;

        /// <summary>The vector count of SelfTest="true".</summary>
        public const int DefaultSelfTestVectors = 3;

        private static void CheckSection(string? section, string what, string? file)
        {
            if (string.IsNullOrEmpty(section)) return;
            bool ok = section!.Length <= 128 && section.All(c => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$');
            if (!ok)
                throw new McuAiException(DiagnosticCodes.InvalidSection, file,
                    $"the {what} section '{CText.Comment(section)}' may only contain letters, digits, '_', '.' and '$' (at most 128). Use the name your linker script defines, e.g. .extflash.");
        }
    }
}
