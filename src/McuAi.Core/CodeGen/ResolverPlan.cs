using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Analysis;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    /// <summary>
    /// One registration in a generated op resolver: a MicroMutableOpResolver <c>Add…()</c> method, or
    /// for a custom op TFLM does not know, a hook function the user writes.
    /// </summary>
    /// <param name="OpName">BUILTIN name or CUSTOM:&lt;name&gt; (raw, from the model: escape before use).</param>
    /// <param name="Method">The resolver method (e.g. AddConv2D), or null for a custom hook.</param>
    /// <param name="HookSuffix">For a custom hook: the custom name made an identifier (unique within the plan).</param>
    public sealed record OpRegistration(string OpName, string? Method, string? HookSuffix)
    {
        public bool IsCustomHook => Method is null;
    }

    /// <summary>The distinct ops a model's operators use, checked against TFLM.</summary>
    public static class ResolverPlan
    {
        /// <summary>
        /// The registrations for the ops that the operators of every subgraph use (not the
        /// operator-code table, which may list unused or duplicate codes), sorted by name.
        /// Throws for an op TFLM cannot run or an op version newer than TFLM supports; warns
        /// (<see cref="DiagnosticCodes.CustomOp"/>) for a custom op that needs a user hook.
        /// </summary>
        public static IReadOnlyList<OpRegistration> For(Model model, string? file, ICollection<Diagnostic> diagnostics)
        {
            // A Dictionary and one sort of its keys rather than a SortedDictionary: the same order, and code the
            // framework has precompiled (a SortedDictionary of these types is compiled at run time, in every short run).
            var used = new Dictionary<string, List<OperatorCode>>(StringComparer.Ordinal);
            foreach (var (code, _) in model.CodesUsed())
            {
                if (!used.TryGetValue(code.DisplayName, out var codes)) used[code.DisplayName] = codes = new List<OperatorCode>();
                codes.Add(code);
            }

            var registrations = new List<OpRegistration>();
            var hookNames = new HashSet<string>(StringComparer.Ordinal);
            var names = used.Keys.ToArray();
            Array.Sort(names, StringComparer.Ordinal);
            foreach (string name in names)
            {
                var code = used[name].OrderByDescending(c => c.Version).First();
                var info = TflmOps.Find(code);
                if (info is null && code.IsCustom)
                {
                    string hook = UniqueHookName(code.CustomCode, hookNames);
                    diagnostics.Add(new Diagnostic(DiagnosticCodes.CustomOp, DiagnosticSeverity.Warning,
                        $"the custom op '{MessageText.Quote(code.CustomCode)}' is not a TFLM op: the generated resolver calls a function <symbol>_register_custom_{hook}(resolver) that your firmware must define (it registers the kernel with resolver.AddCustom).",
                        file));
                    registrations.Add(new OpRegistration(name, null, hook));
                    continue;
                }
                if (info is null)
                    throw new McuAiException(DiagnosticCodes.UnsupportedOp, file,
                        $"the model uses {name}, which TFLM (tflite-micro {TflmOps.TflmCommit}) cannot run. Replace the op in the training graph or convert without it.");
                if (code.Version > info.MaxVersion)
                    throw new McuAiException(DiagnosticCodes.OpVersionTooNew, file,
                        $"the model uses {name} version {code.Version}, but TFLM (tflite-micro {TflmOps.TflmCommit}) supports up to version {info.MaxVersion}. Convert the model with a TensorFlow version that matches your TFLM, or update TFLM.");
                registrations.Add(new OpRegistration(name, info.ResolverMethod, null));
            }
            return registrations;
        }

        /// <summary>The union of several plans: each op once; custom hook names made unique again across models.</summary>
        public static IReadOnlyList<OpRegistration> Union(IEnumerable<IReadOnlyList<OpRegistration>> plans)
        {
            var hookNames = new HashSet<string>(StringComparer.Ordinal);
            return plans.SelectMany(p => p)
                .GroupBy(r => r.OpName, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(r => r.OpName, StringComparer.Ordinal)
                .Select(r => r.IsCustomHook ? r with { HookSuffix = UniqueHookName(r.OpName.Substring("CUSTOM:".Length), hookNames) } : r)
                .ToList();
        }

        private static string UniqueHookName(string? customName, HashSet<string> taken)
        {
            string baseName = CIdentifier.Sanitize(customName);
            string name = baseName;
            for (int i = 2; !taken.Add(name); i++) name = baseName + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return name;
        }
    }
}
