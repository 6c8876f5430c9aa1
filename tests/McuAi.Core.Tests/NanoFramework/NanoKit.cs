using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using McuAi.CodeGen;
using McuAi.CodeGen.NanoFramework;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>Shared steps of the nanoFramework tests: generating a model's interop, and reading what was generated.</summary>
    public static class NanoKit
    {
        /// <summary>nanoFramework.CoreLibrary 1.17.11's lib/mscorlib.dll, copied beside the tests by the test project.</summary>
        public static string Mscorlib => Path.Combine(AppContext.BaseDirectory, "nanoFramework", "mscorlib.dll");

        /// <summary>The test's own nanoCLR headers (declarations the stubs use, as nf-interpreter names them).</summary>
        public static string NanoClrHeaders => Path.Combine(AppContext.BaseDirectory, "nanoFramework", "nanoclr");

        /// <summary>Every shared model that TFLM runs (golden.json does not mark it rejected): the models a firmware can use.</summary>
        public static IEnumerable<object[]> RunnableModels() =>
            SharedData.ModelNames().Where(SharedData.TflmRuns).Select(n => new object[] { n });

        public static GenerationOptions Options(string name, NanoFrameworkOptions? nano = null) => new()
        {
            Symbol = CIdentifier.Sanitize(name),
            NanoFramework = nano ?? new NanoFrameworkOptions(),
        };

        /// <summary>Generates the model with its nanoFramework interop into <paramref name="dir"/>; returns the resolved names.</summary>
        public static NanoFrameworkOptions GenerateInto(string dir, string name, NanoFrameworkOptions? nano = null)
        {
            var (model, bytes) = CodeGenKit.Load(name);
            var options = Options(name, nano);
            CodeGenKit.GenerateInto(dir, model, bytes, options, SharedData.ModelPath(name));
            return options.NanoFramework!.Resolve(options.Symbol);
        }

        /// <summary>The checksum written into the generated CLR_RT_NativeAssemblyData (the line after the assembly name).</summary>
        public static uint GeneratedChecksum(string dir, NanoFrameworkOptions resolved)
        {
            string text = File.ReadAllText(Path.Combine(dir, NanoFrameworkOptions.SafeAssemblyName(resolved.AssemblyName!) + ".cpp"));
            var match = Regex.Match(text, @"g_CLR_AssemblyNative_\w+ =\n\{\n    k_assembly_name,\n    0x([0-9A-F]{8}),");
            if (!match.Success) throw new InvalidOperationException("no CLR_RT_NativeAssemblyData in the generated lookup file:\n" + text);
            return Convert.ToUInt32(match.Groups[1].Value, 16);
        }

        /// <summary>The method_lookup entries of the generated lookup file: the native name, or null for a nullptr entry.</summary>
        public static List<string?> GeneratedLookup(string dir, NanoFrameworkOptions resolved)
        {
            string text = File.ReadAllText(Path.Combine(dir, NanoFrameworkOptions.SafeAssemblyName(resolved.AssemblyName!) + ".cpp"));
            int start = text.IndexOf("method_lookup[] =\n{\n", StringComparison.Ordinal);
            int end = text.IndexOf("\n};", start, StringComparison.Ordinal);
            return text.Substring(start, end - start).Split('\n').Skip(2)
                .Select(line => line.Trim().TrimEnd(','))
                .Select(entry => entry.StartsWith("nullptr", StringComparison.Ordinal) ? null : entry.Substring(entry.IndexOf("::", StringComparison.Ordinal) + 2))
                .ToList();
        }
    }
}
