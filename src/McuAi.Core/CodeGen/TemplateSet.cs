using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HandlebarsDotNet;
using McuAi.Diagnostics;

namespace McuAi.CodeGen
{
    /// <summary>
    /// The Handlebars templates that produce the generated files: the built-in ones (embedded
    /// resources from CodeGen/Templates) with any overridden file by file from a user folder
    /// (<c>&lt;name&gt;.hbs</c>, e.g. <c>model_settings.h.hbs</c>). Each template is compiled once;
    /// sets are cached, a user folder keyed by its files' names, sizes and timestamps.
    /// </summary>
    public sealed class TemplateSet
    {
        /// <summary>The template names (the generated file name with the symbol left out).</summary>
        public static readonly IReadOnlyList<string> Names = new[]
        {
            "model_data.h", "model_data.cc", "op_resolver.h", "model_settings.h", "model.h", "model.cc",
            "mcuai_op_resolver.h", "mcuai_models.h", "mcuai_models.cmake",
            "nf_class.cs", "nf_interop.h", "nf_interop.cpp", "nf_interop_mshl.cpp", "nf_find_module.cmake",
            "model.c", "selftest.h", "selftest.c",
        };

        private const string ResourcePrefix = "McuAi.CodeGen.Templates.";
        private static readonly Lazy<TemplateSet> s_builtIn = new(() => new TemplateSet(null));
        private static readonly ConcurrentDictionary<string, TemplateSet> s_userSets = new(StringComparer.Ordinal);

        // Compiled on first use: a run that renders only the per-model files never pays for the project-wide ones.
        private readonly Dictionary<string, (Lazy<HandlebarsTemplate<object, object>> Render, string Origin)> _templates = new(StringComparer.Ordinal);

        private TemplateSet(string? userDirectory)
        {
            var handlebars = CreateEnvironment();
            var overrides = userDirectory is null ? new Dictionary<string, string>() : FindOverrides(userDirectory);
            foreach (string name in Names)
            {
                bool user = overrides.TryGetValue(name, out string? path);
                string origin = user ? path! : "built-in template " + name + ".hbs";
                string text = user ? ReadUserTemplate(path!) : ReadBuiltIn(name);
                _templates[name] = (new Lazy<HandlebarsTemplate<object, object>>(() => Compile(handlebars, name, text, user ? path : null)), origin);
            }
            OverriddenFiles = overrides.Values.OrderBy(p => p, StringComparer.Ordinal).ToArray();
        }

        private static HandlebarsTemplate<object, object> Compile(IHandlebars handlebars, string name, string text, string? userFile)
        {
            try
            {
                // One environment serves every template of the set: compile one at a time.
                lock (handlebars) return handlebars.Compile(text);
            }
            catch (Exception e) when (e is not McuAiException)
            {
                throw new McuAiException(DiagnosticCodes.TemplateError, userFile,
                    $"the template {name}.hbs does not compile: {e.Message} Fix the template (see docs/codegen.md for the view model).", e);
            }
        }

        /// <summary>The built-in templates.</summary>
        public static TemplateSet BuiltIn => s_builtIn.Value;

        /// <summary>The user files that replace built-in templates (for incremental-build inputs).</summary>
        public IReadOnlyList<string> OverriddenFiles { get; }

        /// <summary>The built-in set, or the built-ins overridden by the .hbs files of <paramref name="userDirectory"/>.</summary>
        public static TemplateSet Load(string? userDirectory)
        {
            if (string.IsNullOrEmpty(userDirectory)) return BuiltIn;
            string full = Path.GetFullPath(userDirectory);
            if (!Directory.Exists(full))
                throw new McuAiException(DiagnosticCodes.TemplateDirectoryMissing, full,
                    "the template directory does not exist. Create it or remove the template directory setting.");
            // A changed template file gives a new key, so an edited template is recompiled.
            var key = new StringBuilder(full);
            foreach (var file in Directory.GetFiles(full, "*.hbs").OrderBy(f => f, StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                key.Append('|').Append(info.Name).Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks);
            }
            return s_userSets.GetOrAdd(key.ToString(), _ => new TemplateSet(full));
        }

        /// <summary>The text of the built-in template <paramref name="name"/> (to start a user override from).</summary>
        public static string ReadBuiltIn(string name)
        {
            using var stream = typeof(TemplateSet).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".hbs")
                ?? throw new InvalidOperationException("missing embedded template " + name);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return NormalizeNewlines(reader.ReadToEnd());
        }

        /// <summary>The templates of one model's files with the TFLM runtime (the rest are the project-wide ones and the C runtime's).</summary>
        public static readonly IReadOnlyList<string> ModelTemplateNames = Names.Take(6).ToArray();

        /// <summary>The templates of one model's files with the C runtime (Runtime="c").</summary>
        public static readonly IReadOnlyList<string> CRuntimeTemplateNames = new[] { "model_settings.h", "model.h", "model.c" };

        /// <summary>The templates of a model's .NET nanoFramework interop (C# class, native header, lookup table, marshalling, CMake module).</summary>
        public static readonly IReadOnlyList<string> NanoFrameworkTemplateNames = Names.Skip(9).Take(5).ToArray();

        /// <summary>Compiles the named templates now (e.g. on another thread while a model is read).</summary>
        public void Precompile(IEnumerable<string> names)
        {
            foreach (string name in names) _ = _templates[name].Render.Value;
        }

        /// <summary>Renders one template with a view model.</summary>
        public string Render(string name, object view)
        {
            var (render, origin) = _templates[name];
            var compiled = render.Value;
            try
            {
                return NormalizeNewlines(compiled(view, null!));
            }
            catch (Exception e) when (e is not McuAiException)
            {
                // Handlebars.Net reports binding and helper failures with several unrelated exception types.
                throw new McuAiException(DiagnosticCodes.TemplateError, origin,
                    $"the template {name}.hbs failed to render: {e.Message} Check the names it uses against the view model in docs/codegen.md.", e);
            }
        }

        private static IHandlebars CreateEnvironment()
        {
            // NoEscape: Handlebars' HTML encoding is wrong for C; model strings go through the C helpers instead.
            var handlebars = Handlebars.Create(new HandlebarsConfiguration
            {
                NoEscape = true,
                ThrowOnUnresolvedBindingExpression = true,
            });
            handlebars.RegisterHelper("c_string", (context, arguments) => CText.StringLiteral(arguments.Length > 0 ? arguments[0]?.ToString() : null));
            handlebars.RegisterHelper("c_comment", (context, arguments) => CText.Comment(arguments.Length > 0 ? arguments[0]?.ToString() : null));
            return handlebars;
        }

        private static Dictionary<string, string> FindOverrides(string directory)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in Directory.GetFiles(directory, "*.hbs").OrderBy(f => f, StringComparer.Ordinal))
            {
                string name = Path.GetFileName(file);
                name = name.Substring(0, name.Length - ".hbs".Length);
                if (!Names.Contains(name))
                    throw new McuAiException(DiagnosticCodes.UnknownTemplate, file,
                        $"'{Path.GetFileName(file)}' does not name a built-in template. Rename it to one of: {string.Join(", ", Names.Select(n => n + ".hbs"))}, or move it out of the template directory.");
                result[name] = file;
            }
            return result;
        }

        private static string ReadUserTemplate(string path)
        {
            try
            {
                return NormalizeNewlines(File.ReadAllText(path, Encoding.UTF8));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new McuAiException(DiagnosticCodes.TemplateError, path, $"cannot read the template: {e.Message}", e);
            }
        }

        // Output must not depend on how git checked the templates out (CRLF on Windows).
        private static string NormalizeNewlines(string text) => text.IndexOf('\r') < 0 ? text : text.Replace("\r\n", "\n").Replace('\r', '\n');
    }
}
