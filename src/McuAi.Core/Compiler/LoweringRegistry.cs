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
        private static readonly Lazy<OpNameTable<List<ILowering>>> s_lowerings = new(() => new OpNameTable<List<ILowering>>(Discover()));

        /// <summary>The lowerings registered for an op, by <see cref="LowersAttribute.Order"/> then type name (empty when the C backend lacks the op).</summary>
        public static IReadOnlyList<ILowering> For(OperatorCode code) =>
            s_lowerings.Value.TryGetValue(code.DisplayName, out var list) ? list : (IReadOnlyList<ILowering>)Array.Empty<ILowering>();

        /// <summary>Names of the ops with at least one lowering (<c>ADD</c>, <c>CUSTOM:SignalWindow</c>), sorted.</summary>
        public static IReadOnlyList<string> SupportedOps() => s_lowerings.Value.Names.OrderBy(k => k, StringComparer.Ordinal).ToList();

        private static string Key(BuiltinOperator op, string? custom) => op == BuiltinOperator.CUSTOM ? $"CUSTOM:{custom}" : op.ToString();

        private static Dictionary<string, List<ILowering>> Discover()
        {
            var registered = new Dictionary<string, List<(int Order, ILowering Lowering)>>(StringComparer.Ordinal);
            var types = typeof(LoweringRegistry).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(ILowering).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in types)
            {
                var lowering = (ILowering)Activator.CreateInstance(type)!;
                foreach (var attr in type.GetCustomAttributes<LowersAttribute>())
                {
                    string key = Key(attr.Op, attr.CustomCode);
                    if (!registered.TryGetValue(key, out var list)) registered[key] = list = new List<(int, ILowering)>();
                    list.Add((attr.Order, lowering));
                }
            }
            // Stable: equal orders keep the type-name order of the scan.
            return registered.ToDictionary(p => p.Key, p => p.Value.OrderBy(l => l.Order).Select(l => l.Lowering).ToList(), StringComparer.Ordinal);
        }
    }
}
