using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.CodeGen.NanoFramework;
using McuAi.Tests.CodeGen;
using Xunit;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>
    /// Every runnable shared model's generated C# class, compiled alone into its interop assembly against
    /// nanoFramework.CoreLibrary 1.17.11's mscorlib (warnings as errors, XML docs), once for all models.
    /// </summary>
    public sealed class NanoCSharpFixture : IDisposable
    {
        public NanoCSharpFixture()
        {
            Temp = new TempDir();
            foreach (var row in NanoKit.RunnableModels())
            {
                string name = (string)row[0];
                string dir = Temp.Sub("gen-" + name);
                Resolved[name] = NanoKit.GenerateInto(dir, name);
                Generated[name] = dir;
            }
            var libraries = Resolved.Select(r => (r.Value.AssemblyName!, new[] { Path.Combine(Generated[r.Key], r.Value.AssemblyName + ".cs") }));
            (ExitCode, Output, Assemblies) = NanoCSharpBuild.Run(Temp.Sub("build"), libraries);
        }

        public TempDir Temp { get; }
        public Dictionary<string, NanoFrameworkOptions> Resolved { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Generated { get; } = new(StringComparer.Ordinal);
        public int ExitCode { get; }
        public string Output { get; }
        public Dictionary<string, string> Assemblies { get; }

        public void Dispose() => Temp.Dispose();
    }

    public class NanoCSharpCompileTests : IClassFixture<NanoCSharpFixture>
    {
        private readonly NanoCSharpFixture _build;

        public NanoCSharpCompileTests(NanoCSharpFixture build) => _build = build;

        public static IEnumerable<object[]> RunnableModels() => NanoKit.RunnableModels();

        [Theory]
        [MemberData(nameof(RunnableModels))]
        public void The_class_compiles_against_nanoFrameworks_mscorlib_and_matches_its_native_side(string name)
        {
            Assert.True(_build.ExitCode == 0, "the generated C# did not compile against nanoFramework's mscorlib:\n" + _build.Output);
            var resolved = _build.Resolved[name];
            var assembly = ProcessorView.Read(_build.Assemblies[resolved.AssemblyName!]);

            // Only nanoFramework's base library is referenced.
            Assert.Equal(new[] { "mscorlib" }, assembly.References);
            Assert.Equal(resolved.AssemblyName, assembly.AssemblyName);
            // The lookup table has the compiled class's methods, in the processor's order, natives where the compiler made natives.
            var expectedTable = assembly.Entries.Select(e => e.Native ? e.Method : null).ToList();
            Assert.Equal(expectedTable, NanoKit.GeneratedLookup(_build.Generated[name], resolved));
            Assert.All(assembly.Entries.Where(e => e.Native), e => Assert.Equal((resolved.Namespace + "_" + resolved.ClassName).Replace('.', '_'), e.Class));
            // The checksum written into the firmware's assembly data is the one the processor computes from the compiled assembly.
            uint fromAssembly = assembly.Checksum();
            Assert.NotEqual(0u, fromAssembly);
            Assert.Equal(NanoNativeChecksum.Hex(fromAssembly), NanoNativeChecksum.Hex(NanoKit.GeneratedChecksum(_build.Generated[name], resolved)));
        }

        [RequiresToolFact("dotnet")]
        public void An_API_that_nanoFrameworks_mscorlib_lacks_fails_the_build()
        {
            // System.Math lives in nanoFramework.System.Math, not in mscorlib: the quantize helper must not use Math.Round.
            using var temp = new TempDir();
            var resolved = NanoKit.GenerateInto(temp.Sub("gen"), "hello_world_int8");
            string source = File.ReadAllText(Path.Combine(temp.Path, "gen", resolved.AssemblyName + ".cs"));
            string broken = source.Replace("float q = value / scale;", "float q = (float)System.Math.Round(value / scale);");
            Assert.NotEqual(source, broken);
            string file = Path.Combine(temp.Path, "Broken.cs");
            File.WriteAllText(file, broken);

            var (exitCode, output, _) = NanoCSharpBuild.Run(temp.Sub("build"), new[] { ("Broken.Math", new[] { file }) });

            Assert.NotEqual(0, exitCode);
            Assert.Contains("Broken.cs", output);
            Assert.Contains("error CS0234", output); // The type or namespace name 'Math' does not exist in the namespace 'System'.
        }
    }
}
