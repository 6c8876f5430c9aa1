using System.Collections.Concurrent;
using McuAi.Compiler;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;

namespace McuAi.Tests.CBackend
{
    /// <summary>The supported models compiled once per test run (layer program and memory plan).</summary>
    public static class CModels
    {
        private static readonly ConcurrentDictionary<string, CompiledModel> s_compiled = new();

        public static CompiledModel Compile(string name) =>
            s_compiled.GetOrAdd(name, n => CModelCompiler.Compile(ModelReader.ReadFile(SharedData.ModelPath(n)), n, SharedData.ModelPath(n)));

        public static long RamBytes(string name) => Compile(name).RamBytes;
    }
}
