using System;
using System.Collections.Generic;
using System.Reflection;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>All kernels of this assembly, found once through <see cref="KernelForAttribute"/>.</summary>
    public static class KernelRegistry
    {
        private static readonly Lazy<Dictionary<string, IKernel>> s_kernels = new(Discover);

        /// <summary>The kernel for an operator code, or null when the interpreter does not implement it.</summary>
        public static IKernel? Find(OperatorCode code) => s_kernels.Value.TryGetValue(Key(code.Op, code.CustomCode), out var k) ? k : null;

        /// <summary>Names of the implemented ops (<c>ADD</c>, <c>CUSTOM:SignalWindow</c>), sorted.</summary>
        public static IReadOnlyList<string> ImplementedOps()
        {
            var names = new List<string>(s_kernels.Value.Keys);
            names.Sort(StringComparer.Ordinal);
            return names;
        }

        private static string Key(BuiltinOperator op, string? custom) => op == BuiltinOperator.CUSTOM ? $"CUSTOM:{custom}" : op.ToString();

        private static Dictionary<string, IKernel> Discover()
        {
            var result = new Dictionary<string, IKernel>(StringComparer.Ordinal);
            foreach (var type in typeof(KernelRegistry).Assembly.GetTypes())
            {
                if (type.IsAbstract || !typeof(IKernel).IsAssignableFrom(type)) continue;
                foreach (var attr in type.GetCustomAttributes<KernelForAttribute>())
                {
                    var kernel = (IKernel)Activator.CreateInstance(type)!;
                    result[Key(attr.Op, attr.CustomCode)] = kernel;
                }
            }
            return result;
        }
    }
}
