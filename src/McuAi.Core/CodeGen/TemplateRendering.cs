using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using McuAi.CodeGen.Views;
using McuAi.Diagnostics;
using McuAi.TfLite;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace McuAi.CodeGen
{
    /// <summary>
    /// The one place Scriban is configured: strict (an unknown name is an error, never an empty
    /// string), bounded (loops, recursion and output stop a runaway template with an error, never
    /// by cutting the output short), and confined (templates see the view models' public properties
    /// and Scriban's builtins, without the clock; <c>include</c> reaches only the template folder's
    /// partials, already read into memory). Every failure is MCUAI2005 with the file, line and column.
    /// </summary>
    internal static class TemplateRendering
    {
        /// <summary>
        /// Iterations of all nested loops of one top-level loop together. The built-in templates loop
        /// over the inputs, outputs and distinct ops (a few hundred for the largest model here); the
        /// model bytes never pass through a template (they are spliced in at <c>data</c>).
        /// </summary>
        internal const int LoopLimit = 1_000_000;

        /// <summary>Depth of nested calls of template functions (<c>func</c>) and includes.</summary>
        internal const int RecursiveLimit = 100;

        /// <summary>
        /// Characters one render may write, and the longest string one expression may build. Scriban's
        /// default (1 Mi) truncates silently; here more is an error. A built-in template writes a few KB.
        /// </summary>
        internal const int OutputLimit = 64 * 1024 * 1024;

        /// <summary>Parses a template; a syntax error is MCUAI2005 at its line and column.</summary>
        public static Template Parse(string text, string templateName, string file)
        {
            var template = Template.Parse(text, file);
            if (!template.HasErrors) return template;
            // The parser reports the end of the file as line -1: prefer a message with a real position.
            var errors = template.Messages.Where(m => m.Type == ParserMessageType.Error).ToList();
            var first = errors.FirstOrDefault(m => m.Span.Start.Line >= 0) ?? errors.First();
            throw Error(file, first.Span, $"the template {templateName} does not parse", first.Message,
                "Fix its syntax (the Scriban language; docs/codegen.md, Templates, has examples).");
        }

        /// <summary>Renders <paramref name="template"/> with <paramref name="view"/>'s properties as its global names.</summary>
        public static string Render(Template template, object view, string templateName, TemplateIncludes includes)
        {
            var context = CreateContext(includes);
            // A copy per render: a template may assign to a global, and must not change the next render.
            context.PushGlobal((ScriptObject)s_globals.GetValue(view, v => Globals(v, context)).Clone(deep: false));
            // Scriban formats numbers in the invariant culture, but some builtins (string.capitalize, upcase)
            // use the thread's: under tr-TR "input" would become "İnput". The output must not depend on it.
            var culture = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
                return template.Render(context);
            }
            catch (ScriptRuntimeException e)
            {
                throw Error(e.Span.FileName ?? template.SourceFilePath, e.Span, $"the template {templateName} failed", e.OriginalMessage,
                    "Fix the template: docs/codegen.md (Templates) lists the names a template can use and the limits it runs under.", e);
            }
            catch (Exception e) when (e is not McuAiException)
            {
                // Scriban wraps most failures in ScriptRuntimeException; anything else still names the template.
                throw new McuAiException(DiagnosticCodes.TemplateError, template.SourceFilePath,
                    $"the template {templateName} failed: {e.Message}", e);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
            }
        }

        // The view's properties as the templates' global names, read once per view (the six files of a model share it).
        private static readonly ConditionalWeakTable<object, ScriptObject> s_globals = new();

        private static ScriptObject Globals(object view, TemplateContext context)
        {
            var globals = new ScriptObject();
            globals.Import(view, context.MemberFilter, context.MemberRenamer);
            return globals;
        }

        /// <summary>
        /// Sets Scriban up (builtins, reflection over the view types, the code of loops, conditions and pipes)
        /// by rendering a small template with a made-up view: the first real render then costs what the others do.
        /// </summary>
        public static void WarmUp() => _ = Render(Parse(WarmUpText, "warm-up", "warm-up"), MadeUpView(), "warm-up", TemplateIncludes.None);

        private static ModelView MadeUpView()
        {
            var tensor = new Tensor { Name = "t", Type = TensorType.INT8, Shape = new[] { 1 } };
            var ops = new[] { new OpView(new OpRegistration("ADD", "AddAdd", null), "w"), new OpView(new OpRegistration("CUSTOM:x", null, "x"), "w") };
            return new ModelView
            {
                Symbol = "w",
                Inputs = new[] { new TensorView("w", "input", 0, tensor) },
                Outputs = new[] { new TensorView("w", "output", 0, tensor) },
                Ops = ops,
                Hooks = ops.Where(o => o.IsHook).ToList(),
            };
        }

        // Every member of the tensor and op views (reflection over each is compiled in the warm-up), loops, conditions, pipes.
        private static readonly string WarmUpText =
            "{{ symbol }}{{ if namespace }}{{ namespace }}{{ end }}" +
            "{{~ for t in inputs | array.concat outputs ~}}\n{{ t.role | string.capitalize }}" + Members("t", typeof(TensorView)) + "\n{{~ end ~}}" +
            "{{~ for op in ops ~}}\n{{~ if op.is_hook ~}}\n{{ op.hook }}\n{{~ else ~}}\n" + Members("op", typeof(OpView)) + "\n{{~ end ~}}\n{{~ end ~}}";

        private static string Members(string item, Type view) =>
            string.Concat(view.GetProperties().Select(p => $"{{{{ {item}.{StandardMemberRenamer.Rename(p.Name)} }}}}"));

        private static TemplateContext CreateContext(TemplateIncludes includes)
        {
            // A fresh builtins object per render: a template may add members to it, and must not change the next render.
            var builtins = TemplateContext.GetDefaultBuiltinObject();
            // No clock: outputs depend only on the model, the options and the templates.
            builtins.Remove("date");
            return new TemplateContext(builtins)
            {
                StrictVariables = true,
                EnableRelaxedMemberAccess = false,
                EnableRelaxedTargetAccess = false,
                EnableRelaxedFunctionAccess = false,
                EnableRelaxedIndexerAccess = false,
                EnableNullIndexer = false,
                LoopLimit = LoopLimit,
                RecursiveLimit = RecursiveLimit,
                LimitToString = OutputLimit,
                OnStringLimit = ScriptLimitBehavior.Throw,
                OutputLimit = OutputLimit,
                OnOutputLimit = ScriptLimitBehavior.Throw,
                // The output is what the template says: no indentation added to multi-line values.
                AutoIndent = false,
                NewLine = "\n",
                MemberFilter = IsViewProperty,
                TemplateLoader = includes,
            };
        }

        /// <summary>
        /// Only the public properties declared by the view models (McuAi.CodeGen.Views, and the C text of a model
        /// compiled to C, <see cref="ModelView.C"/>) are visible to a template.
        /// </summary>
        private static bool IsViewProperty(MemberInfo member) =>
            member is PropertyInfo property
            && (property.DeclaringType?.Namespace == typeof(ModelView).Namespace || property.DeclaringType == typeof(Compiler.CModelSource))
            && property.GetMethod is { IsPublic: true, IsStatic: false }
            && property.GetIndexParameters().Length == 0;

        private static McuAiException Error(string? file, SourceSpan span, string what, string detail, string advice, Exception? inner = null)
        {
            // Scriban counts lines and columns from 0.
            int line = span.Start.Line >= 0 ? span.Start.Line + 1 : 0, column = span.Start.Column >= 0 ? span.Start.Column + 1 : 0;
            string at = line > 0 ? $" at line {line}, column {column}" : "";
            return new McuAiException(DiagnosticCodes.TemplateError, file, $"{what}{at}: {detail.TrimEnd('.')}. {advice}", inner)
            {
                Line = line,
                Column = column,
            };
        }
    }
}
