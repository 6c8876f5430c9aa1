using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>The lowerings of this assembly, found once through <see cref="LowersAttribute"/> (like the interpreter's KernelRegistry).</summary>
    public static class LoweringRegistry
    {
        private static readonly Lazy<Dictionary<string, List<ILowering>>> s_lowerings = new(Discover);

        /// <summary>The lowerings registered for an op, in type-name order (empty when the C backend lacks the op).</summary>
        public static IReadOnlyList<ILowering> For(OperatorCode code) =>
            s_lowerings.Value.TryGetValue(Key(code.Op, code.CustomCode), out var list) ? list : (IReadOnlyList<ILowering>)Array.Empty<ILowering>();

        /// <summary>Names of the ops with at least one lowering (<c>ADD</c>, <c>CUSTOM:SignalWindow</c>), sorted.</summary>
        public static IReadOnlyList<string> SupportedOps() => s_lowerings.Value.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        private static string Key(BuiltinOperator op, string? custom) => op == BuiltinOperator.CUSTOM ? $"CUSTOM:{custom}" : op.ToString();

        private static Dictionary<string, List<ILowering>> Discover()
        {
            var result = new Dictionary<string, List<ILowering>>(StringComparer.Ordinal);
            var types = typeof(LoweringRegistry).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(ILowering).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in types)
            {
                var lowering = (ILowering)Activator.CreateInstance(type)!;
                foreach (var attr in type.GetCustomAttributes<LowersAttribute>())
                {
                    string key = Key(attr.Op, attr.CustomCode);
                    if (!result.TryGetValue(key, out var list)) result[key] = list = new List<ILowering>();
                    list.Add(lowering);
                }
            }
            return result;
        }
    }
}
