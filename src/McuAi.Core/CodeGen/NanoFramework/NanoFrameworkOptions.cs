using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// The .NET nanoFramework interop of one model (McuAiModel NanoFramework="true", <c>mcuai generate --nanoframework</c>):
    /// the C# class, the assembly it is compiled into (one model per interop assembly) and the native version.
    /// Empty values take the defaults of <see cref="Resolve"/>.
    /// </summary>
    public sealed class NanoFrameworkOptions
    {
        public const string DefaultNamespace = "McuAi.Models";
        public const string DefaultNativeVersion = "1.0.0.0";

        /// <summary>C# namespace of the class (default McuAi.Models).</summary>
        public string? Namespace { get; set; }
        /// <summary>C# class name (default: the symbol in PascalCase, micro_speech_int8 → MicroSpeechInt8).</summary>
        public string? ClassName { get; set; }
        /// <summary>The name of the assembly the class is compiled into (default: namespace.class); part of the native checksum.</summary>
        public string? AssemblyName { get; set; }
        /// <summary>The native assembly version, major.minor.build.revision (default 1.0.0.0).</summary>
        public string? NativeVersion { get; set; }

        /// <summary>These options with every empty value replaced by its default for <paramref name="symbol"/>.</summary>
        public NanoFrameworkOptions Resolve(string symbol)
        {
            string ns = string.IsNullOrEmpty(Namespace) ? DefaultNamespace : Namespace!;
            string cls = string.IsNullOrEmpty(ClassName) ? PascalCase(symbol) : ClassName!;
            return new NanoFrameworkOptions
            {
                Namespace = ns,
                ClassName = cls,
                AssemblyName = string.IsNullOrEmpty(AssemblyName) ? ns + "." + cls : AssemblyName,
                NativeVersion = string.IsNullOrEmpty(NativeVersion) ? DefaultNativeVersion : NativeVersion,
            };
        }

        /// <summary>The assembly name as nanoFramework spells it in C identifiers ('.' → '_'): g_CLR_AssemblyNative_&lt;this&gt;.</summary>
        public static string SafeAssemblyName(string assemblyName) => assemblyName.Replace('.', '_');

        /// <summary>The file names of a model's nanoFramework outputs, known before generating.</summary>
        public static string[] OutputFiles(string assemblyName)
        {
            string safe = SafeAssemblyName(assemblyName);
            return new[] { assemblyName + ".cs", safe + ".h", safe + ".cpp", safe + "_mshl.cpp", "FindINTEROP-" + assemblyName + ".cmake" };
        }

        /// <summary>A symbol as a C# type name: its '_'-separated words capitalised and joined (micro_speech_int8 → MicroSpeechInt8).</summary>
        public static string PascalCase(string symbol)
        {
            var sb = new StringBuilder();
            foreach (string word in symbol.Split(new[] { '_' }, StringSplitOptions.RemoveEmptyEntries))
                sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
            string name = sb.ToString();
            if (name.Length == 0) return "Model";
            return char.IsDigit(name[0]) ? "Model" + name : name;
        }

        /// <summary>The version as its four numbers (missing build/revision are 0), or null when it is not a version.</summary>
        public static ushort[]? ParseVersion(string? text)
        {
            if (string.IsNullOrEmpty(text)) return null;
            var parts = text!.Split('.');
            if (parts.Length < 2 || parts.Length > 4) return null;
            var numbers = new ushort[4];
            for (int i = 0; i < parts.Length; i++)
                if (parts[i].Length == 0 || parts[i].Length > 5 || !parts[i].All(c => c >= '0' && c <= '9')
                    || !ushort.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                    return null;
            return numbers;
        }
    }
}
