using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// All kernels of this assembly, found once through <see cref="KernelForAttribute"/>.
    /// <para>
    /// Several kernels may register for one op. Those implementing <see cref="ISpecializedKernel"/> are
    /// asked first (in type-name order) whether they take an operator, for instance the int16 path of
    /// CONV_2D living in its own file; the op's general kernel (one without that interface) handles
    /// the rest. So a new type path for an op is one new file, without editing the op's existing kernel.
    /// </para>
    /// </summary>
    public static class KernelRegistry
    {
        private static readonly Lazy<OpNameTable<KernelSet>> s_kernels = new(() => new OpNameTable<KernelSet>(Discover()));

        /// <summary>The general kernel for an operator code, or null when the interpreter does not implement the op.</summary>
        public static IKernel? Find(OperatorCode code) =>
            s_kernels.Value.TryGetValue(code.DisplayName, out var set) ? set.General ?? set.Specialized.FirstOrDefault() : null;

        /// <summary>
        /// The kernel that prepares this operator: the first specialized kernel that accepts it, else the
        /// op's general kernel; null when no kernel is registered for the op (or none accepts it and the
        /// op has no general kernel).
        /// </summary>
        public static IKernel? Select(OperatorCode code, PrepareContext context)
        {
            if (!s_kernels.Value.TryGetValue(code.DisplayName, out var set)) return null;
            foreach (var kernel in set.Specialized)
                if (kernel.Accepts(context)) return kernel;
            return set.General;
        }

        /// <summary>Names of the implemented ops (<c>ADD</c>, <c>CUSTOM:SignalWindow</c>), sorted.</summary>
        public static IReadOnlyList<string> ImplementedOps()
        {
            var names = new List<string>(s_kernels.Value.Names);
            names.Sort(StringComparer.Ordinal);
            return names;
        }

        private static string Key(BuiltinOperator op, string? custom) => op == BuiltinOperator.CUSTOM ? $"CUSTOM:{custom}" : op.ToString();

        private sealed class KernelSet
        {
            public IKernel? General;
            public readonly List<ISpecializedKernel> Specialized = new();
        }

        private static Dictionary<string, KernelSet> Discover()
        {
            var result = new Dictionary<string, KernelSet>(StringComparer.Ordinal);
            var types = typeof(KernelRegistry).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(IKernel).IsAssignableFrom(t))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
            foreach (var type in types)
            {
                foreach (var attr in type.GetCustomAttributes<KernelForAttribute>())
                {
                    var kernel = (IKernel)Activator.CreateInstance(type)!;
                    string key = Key(attr.Op, attr.CustomCode);
                    if (!result.TryGetValue(key, out var set)) result[key] = set = new KernelSet();
                    if (kernel is ISpecializedKernel specialized) set.Specialized.Add(specialized);
                    else if (set.General is null) set.General = kernel;
                    else throw new InvalidOperationException($"two general kernels for {key}: {set.General.GetType().Name} and {type.Name}; make one an ISpecializedKernel");
                }
            }
            return result;
        }
    }

    /// <summary>
    /// A kernel for only some operators of its op (for example int16 activations), tried before the op's
    /// general kernel. <see cref="Accepts"/> looks at types and options only; it must not throw.
    /// </summary>
    public interface ISpecializedKernel : IKernel
    {
        bool Accepts(PrepareContext context);
    }
}
