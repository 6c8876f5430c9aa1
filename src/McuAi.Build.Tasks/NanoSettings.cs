using System.Collections.Generic;
using McuAi.CodeGen.NanoFramework;
using McuAi.Diagnostics;
using Microsoft.Build.Framework;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// The nanoFramework metadata of a McuAiModel item (NanoFramework="true"), checked and resolved to its
    /// defaults. Only a nanoFramework model loads the core assembly for these checks during the prepare step.
    /// </summary>
    internal sealed class NanoSettings
    {
        public static readonly string[] MetadataNames = { "NanoFramework", "NanoFrameworkNamespace", "NanoFrameworkClass", "NanoFrameworkAssembly", "NanoFrameworkNativeVersion" };

        public string Namespace { get; private set; } = "";
        public string ClassName { get; private set; } = "";
        public string AssemblyName { get; private set; } = "";
        public string NativeVersion { get; private set; } = "";

        /// <summary>The settings, or null when the item does not ask for nanoFramework; problems go to <paramref name="errors"/>.</summary>
        public static NanoSettings? Parse(ITaskItem item, string name, string symbol, string dataFormat, List<(string Code, string Message)> errors)
        {
            if (!ModelSettings.ParseBool(item, name, "NanoFramework", errors)) return null;
            return Resolve(item, name, symbol, dataFormat, errors);
        }

        // Apart from Parse so that a model without NanoFramework never needs the core assembly here.
        private static NanoSettings Resolve(ITaskItem item, string name, string symbol, string dataFormat, List<(string Code, string Message)> errors)
        {
            var resolved = new NanoFrameworkOptions
            {
                Namespace = item.GetMetadata("NanoFrameworkNamespace").Trim(),
                ClassName = item.GetMetadata("NanoFrameworkClass").Trim(),
                AssemblyName = item.GetMetadata("NanoFrameworkAssembly").Trim(),
                NativeVersion = item.GetMetadata("NanoFrameworkNativeVersion").Trim(),
            }.Resolve(symbol);
            int before = errors.Count;
            if (CSharpNames.DottedProblem(resolved.Namespace) is string ns)
                errors.Add(ModelSettings.Bad(DiagnosticCodes.NanoFrameworkInvalidName, name, "NanoFrameworkNamespace", resolved.Namespace!, $"a C# namespace such as 'McuAi.Models' ({ns})"));
            if (CSharpNames.IdentifierProblem(resolved.ClassName) is string cls)
                errors.Add(ModelSettings.Bad(DiagnosticCodes.NanoFrameworkInvalidName, name, "NanoFrameworkClass", resolved.ClassName!, $"a C# class name such as 'KeywordModel' ({cls})"));
            // A default assembly name (namespace.class) is only worth its own error when namespace and class are fine.
            bool explicitAssembly = item.GetMetadata("NanoFrameworkAssembly").Trim().Length > 0;
            if ((explicitAssembly || errors.Count == before) && CSharpNames.DottedProblem(resolved.AssemblyName) is string asm)
                errors.Add(ModelSettings.Bad(DiagnosticCodes.NanoFrameworkInvalidName, name, "NanoFrameworkAssembly", resolved.AssemblyName!, $"identifiers separated by '.', such as 'McuAi.Models.Kws' ({asm})"));
            if (NanoFrameworkOptions.ParseVersion(resolved.NativeVersion) is null)
                errors.Add(ModelSettings.Bad(DiagnosticCodes.NanoFrameworkInvalidVersion, name, "NanoFrameworkNativeVersion", resolved.NativeVersion!, "major.minor[.build[.revision]] with numbers from 0 to 65535, such as 1.0.0.0"));
            if (dataFormat == "incbin")
                errors.Add((DiagnosticCodes.NanoFrameworkIncbin,
                    $"McuAiModel '{name}': DataFormat='incbin' cannot be used with NanoFramework='true' (nf-interpreter's interop modules cannot pass the assembler's include path); use DataFormat='string' or 'array'."));
            return new NanoSettings { Namespace = resolved.Namespace!, ClassName = resolved.ClassName!, AssemblyName = resolved.AssemblyName!, NativeVersion = resolved.NativeVersion! };
        }

        public NanoFrameworkOptions ToOptions() => new() { Namespace = Namespace, ClassName = ClassName, AssemblyName = AssemblyName, NativeVersion = NativeVersion };

        /// <summary>The generated files of the interop (C# class, native header, lookup table, marshalling, CMake module).</summary>
        public string[] OutputFiles() => NanoFrameworkOptions.OutputFiles(AssemblyName);

        public string Canonical() => $"nanoframework={Namespace}|{ClassName}|{AssemblyName}|{NativeVersion}\n";

        public void CopyTo(ITaskItem item)
        {
            item.SetLiteral("NanoFramework", "true");
            item.SetLiteral("NanoFrameworkNamespace", Namespace);
            item.SetLiteral("NanoFrameworkClass", ClassName);
            item.SetLiteral("NanoFrameworkAssembly", AssemblyName);
            item.SetLiteral("NanoFrameworkNativeVersion", NativeVersion);
        }
    }
}
