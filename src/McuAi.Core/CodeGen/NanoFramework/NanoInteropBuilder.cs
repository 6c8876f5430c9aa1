using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using McuAi.CodeGen.Views;
using McuAi.Diagnostics;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// Builds the view of a model's nanoFramework interop: the C# class, and the native side in the layout the
    /// MetadataProcessor generates for an interop assembly (Library_&lt;assembly&gt;_&lt;namespace&gt;_&lt;class&gt; with its
    /// NANOCLR_NATIVE_DECLARE entries, the method lookup table, CLR_RT_NativeAssemblyData with the assembly name,
    /// native checksum and version), with marshalling functions that call the model's C API.
    /// </summary>
    public static class NanoInteropBuilder
    {
        /// <summary>Checks the options (names, version) with coded errors that name <paramref name="file"/>.</summary>
        public static void Validate(NanoFrameworkOptions resolved, ModelDataFormat dataFormat, string? file)
        {
            if (CSharpNames.DottedProblem(resolved.Namespace) is string ns)
                throw new McuAiException(DiagnosticCodes.NanoFrameworkInvalidName, file,
                    $"the nanoFramework namespace '{CText.Comment(resolved.Namespace)}' is not a C# namespace ({ns}). Use identifiers separated by '.', such as 'McuAi.Models'.");
            if (CSharpNames.IdentifierProblem(resolved.ClassName) is string cls)
                throw new McuAiException(DiagnosticCodes.NanoFrameworkInvalidName, file,
                    $"the nanoFramework class name '{CText.Comment(resolved.ClassName)}' is not a C# identifier ({cls}). Use letters, digits and '_', such as 'KeywordModel'.");
            if (CSharpNames.DottedProblem(resolved.AssemblyName) is string asm)
                throw new McuAiException(DiagnosticCodes.NanoFrameworkInvalidName, file,
                    $"the nanoFramework assembly name '{CText.Comment(resolved.AssemblyName)}' cannot name an interop assembly ({asm}); nanoFramework turns it into C names. Use identifiers separated by '.', such as 'McuAi.Models.Kws'.");
            if (NanoFrameworkOptions.ParseVersion(resolved.NativeVersion) is null)
                throw new McuAiException(DiagnosticCodes.NanoFrameworkInvalidVersion, file,
                    $"the nanoFramework native version '{CText.Comment(resolved.NativeVersion)}' is not major.minor[.build[.revision]] with numbers from 0 to 65535. Use a version such as 1.0.0.0.");
            if (dataFormat == ModelDataFormat.Incbin)
                throw new McuAiException(DiagnosticCodes.NanoFrameworkIncbin, file,
                    "the incbin data format needs the assembler's include path, which nf-interpreter's interop modules cannot pass. Use the string or array data format with nanoFramework.");
        }

        public static NanoInteropView Build(ModelView view, NanoFrameworkOptions resolved)
        {
            var members = NanoClassMembers.For(view);
            var type = new NanoClass(resolved.Namespace!, resolved.ClassName!, members.Methods.Select(m => m.Method).ToList());
            string assembly = resolved.AssemblyName!;
            string safeAssembly = NanoFrameworkOptions.SafeAssemblyName(assembly);
            string library = "Library_" + safeAssembly + "_" + type.NativeName;
            var version = NanoFrameworkOptions.ParseVersion(resolved.NativeVersion)!;
            var files = NanoFrameworkOptions.OutputFiles(assembly);
            var natives = type.MethodTableOrder.Where(m => m.IsNative).ToList();
            return new NanoInteropView
            {
                Banner = view.Banner,
                SourceComment = view.SourceComment,
                Symbol = view.Symbol,
                Namespace = type.Namespace,
                ClassName = type.Name,
                AssemblyName = assembly,
                SafeAssemblyName = safeAssembly,
                LibraryStruct = library,
                Guard = "MCUAI_NF_" + safeAssembly.ToUpperInvariant() + "_H",
                Checksum = NanoNativeChecksum.Hex(NanoNativeChecksum.Compute(assembly, new[] { type })),
                NativeVersion = string.Join(", ", version.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                NativeVersionText = string.Join(".", version.Select(v => v.ToString(CultureInfo.InvariantCulture))),
                ClassSummary = $"The model {CSharpText.Doc(view.SourceComment)} on .NET nanoFramework: its facts, quantize helpers, and the native methods " +
                               $"of the interop assembly {assembly} over the model's C API ({view.Symbol}_init, {view.Symbol}_invoke, {view.Symbol}_input, {view.Symbol}_output).",
                Members = members.Constants.Concat(members.Methods.Select(m => m.Text)).ToList(),
                NativeDeclarations = natives.Select(m => m.NativeName).ToList(),
                LookupEntries = type.MethodTableOrder.Select(m => m.IsNative ? library + "::" + m.NativeName : "nullptr /* " + m.NativeName + " (managed) */").ToList(),
                Stubs = natives.Select(m => NanoMarshalling.Stub(library, view.Symbol, m)).ToList(),
                InputFacts = Facts(view.Inputs),
                OutputFacts = Facts(view.Outputs),
                ModelHeader = view.ModelHeader,
                HeaderFile = files[1],
                MarshallingFile = files[3],
                InteropSources = new[] { files[2], files[3] },
                ModelSources = view.ModelSources,
                DirectoryVariable = "MCUAI_INTEROP_" + safeAssembly.ToUpperInvariant() + "_DIR",
            };
        }

        // C++ has no empty arrays: a model without outputs (impossible for TFLM) still gets one row the index check never reaches.
        private static IReadOnlyList<string> Facts(IReadOnlyList<TensorView> tensors) =>
            tensors.Count == 0 ? new[] { "{ 0, 0, 0 }" } : tensors.Select(t => $"{{ {t.Id}_type, {t.Id}_elements, {t.Id}_bytes }}").ToList();
    }
}
