using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.Diagnostics;
using Scriban;

namespace McuAi.CodeGen
{
    /// <summary>
    /// The Scriban templates that produce the generated files: the built-in ones (embedded resources
    /// from CodeGen/Templates) with any overridden file by file from a user folder
    /// (<c>&lt;name&gt;.scriban</c>, e.g. <c>model_settings.h.scriban</c>; files starting with '_' are
    /// partials for <c>include</c>). Each template is parsed once, on first use; sets are cached, a user
    /// folder keyed by its files' names, sizes and timestamps. How templates run: <see cref="TemplateRendering"/>.
    /// </summary>
    public sealed class TemplateSet
    {
        public const string Extension = ".scriban";

        /// <summary>The templates of one model's files for the TFLM runtime; they see the <see cref="Views.ModelView"/>.</summary>
        public static readonly IReadOnlyList<string> ModelTemplateNames = new[]
        {
            "model_data.h", "model_data.cc", "op_resolver.h", "model_settings.h", "model.h", "model.cc",
        };

        /// <summary>The project-wide templates (combined resolver, arena constants, CMake list); they see the <see cref="Views.CombinedView"/>.</summary>
        public static readonly IReadOnlyList<string> ProjectTemplateNames = new[] { "mcuai_op_resolver.h", "mcuai_models.h", "mcuai_models.cmake" };

        /// <summary>The templates of a model's .NET nanoFramework interop (C# class, native header, lookup table, marshalling, CMake module); they see the <see cref="Views.NanoInteropView"/>.</summary>
        public static readonly IReadOnlyList<string> NanoFrameworkTemplateNames = new[]
        {
            "nf_class.cs", "nf_interop.h", "nf_interop.cpp", "nf_interop_mshl.cpp", "nf_find_module.cmake",
        };

        /// <summary>The template only the C runtime (Runtime="c") uses; it sees the <see cref="Views.ModelView"/>, whose <c>c</c> holds the C text.</summary>
        public static readonly IReadOnlyList<string> CRuntimeOnlyTemplateNames = new[] { "model.c" };

        /// <summary>The templates of one model's files with the C runtime: two shared with the TFLM runtime, and model.c.</summary>
        public static readonly IReadOnlyList<string> CRuntimeTemplateNames = new[] { "model_settings.h", "model.h" }.Concat(CRuntimeOnlyTemplateNames).ToArray();

        /// <summary>The templates of a model's self-test (either runtime); they see the <see cref="Views.SelfTestView"/>.</summary>
        public static readonly IReadOnlyList<string> SelfTestTemplateNames = new[] { "selftest.h", "selftest.c" };

        /// <summary>
        /// Every template name (a generated file's name with the symbol left out). A new template is a file
        /// CodeGen/Templates/&lt;name&gt;.scriban (embedded by the project's wildcard) and its name in the list above
        /// for the view it sees; a test checks that the files and the names agree.
        /// </summary>
        public static readonly IReadOnlyList<string> Names = ModelTemplateNames.Concat(ProjectTemplateNames).Concat(NanoFrameworkTemplateNames)
            .Concat(CRuntimeOnlyTemplateNames).Concat(SelfTestTemplateNames).ToArray();

        private const string ResourcePrefix = "McuAi.CodeGen.Templates.";
        private const string HandlebarsExtension = ".hbs";
        private static readonly Lazy<TemplateSet> s_builtIn = new(() => new TemplateSet(null));
        private static readonly ConcurrentDictionary<string, TemplateSet> s_userSets = new(StringComparer.Ordinal);

        // Parsed on first use: a run that renders only the per-model files never parses the project-wide ones.
        private readonly Dictionary<string, Lazy<Template>> _templates = new(StringComparer.Ordinal);
        private readonly TemplateIncludes _includes;

        private TemplateSet(string? userDirectory)
        {
            var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
            var partials = new Dictionary<string, string>(StringComparer.Ordinal);
            if (userDirectory is not null) ReadUserFolder(userDirectory, overrides, partials);
            _includes = partials.Count == 0 ? TemplateIncludes.None : new TemplateIncludes(userDirectory, partials);
            foreach (string name in Names)
            {
                string fileName = name + Extension;
                bool user = overrides.ContainsKey(fileName);
                // Built-in templates are named by their file name (they have no path); a user template by its path.
                string file = user ? Path.Combine(userDirectory!, fileName) : fileName;
                string text = user ? overrides[fileName] : ReadBuiltIn(name);
                _templates[name] = new Lazy<Template>(() => TemplateRendering.Parse(text, fileName, file));
            }
            OverriddenFiles = overrides.Keys.Concat(partials.Keys).OrderBy(n => n, StringComparer.Ordinal)
                .Select(n => Path.Combine(userDirectory!, n)).ToArray();
        }

        /// <summary>The built-in templates.</summary>
        public static TemplateSet BuiltIn => s_builtIn.Value;

        /// <summary>The user files that replace built-in templates or are included by them (for incremental-build inputs).</summary>
        public IReadOnlyList<string> OverriddenFiles { get; }

        /// <summary>The built-in set, or the built-ins overridden by the .scriban files of <paramref name="userDirectory"/>.</summary>
        public static TemplateSet Load(string? userDirectory)
        {
            if (string.IsNullOrEmpty(userDirectory)) return BuiltIn;
            string full = Path.GetFullPath(userDirectory);
            if (!Directory.Exists(full))
                throw new McuAiException(DiagnosticCodes.TemplateDirectoryMissing, full,
                    "the template directory does not exist. Create it or remove the template directory setting.");
            // A changed template file gives a new key, so an edited template is parsed again.
            var key = new StringBuilder(full);
            foreach (var file in TemplateFiles(full))
            {
                var info = new FileInfo(file);
                key.Append('|').Append(info.Name).Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks);
            }
            return s_userSets.GetOrAdd(key.ToString(), _ => new TemplateSet(full));
        }

        /// <summary>The text of the built-in template <paramref name="name"/> (to start a user override from).</summary>
        public static string ReadBuiltIn(string name)
        {
            using var stream = typeof(TemplateSet).Assembly.GetManifestResourceStream(ResourcePrefix + name + Extension)
                ?? throw new InvalidOperationException("missing embedded template " + name);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return NormalizeNewlines(reader.ReadToEnd());
        }

        /// <summary>
        /// Parses every template and readies the engine now, e.g. on another thread while a model is read
        /// (in a short process, the first render costs far more than the rest: Scriban sets itself up).
        /// </summary>
        public void Precompile()
        {
            // The engine first: that is the long part; a template the caller needs meanwhile is parsed on its thread.
            TemplateRendering.WarmUp();
            foreach (var template in _templates.Values) _ = template.Value;
        }

        /// <summary>Renders one template with a view model (its public properties are the template's names, in snake_case).</summary>
        public string Render(string name, object view) =>
            NormalizeNewlines(TemplateRendering.Render(_templates[name].Value, view, name + Extension, _includes));

        /// <summary>Every file of the folder that matters: templates, partials, and Handlebars leftovers (an error).</summary>
        private static IEnumerable<string> TemplateFiles(string directory) =>
            Directory.GetFiles(directory, "*" + Extension).Concat(Directory.GetFiles(directory, "*" + HandlebarsExtension))
                .OrderBy(f => f, StringComparer.Ordinal);

        private static void ReadUserFolder(string directory, Dictionary<string, string> overrides, Dictionary<string, string> partials)
        {
            var handlebars = Directory.GetFiles(directory, "*" + HandlebarsExtension).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (handlebars.Count > 0)
                throw new McuAiException(DiagnosticCodes.HandlebarsTemplate, handlebars[0],
                    $"the template directory holds Handlebars templates ({string.Join(", ", handlebars.Select(Path.GetFileName))}), but McuAi.Build's templates are Scriban now. " +
                    $"Rewrite each as <name>{Extension} (start from the built-in one; docs/codegen.md, Templates, shows the names and the syntax) and delete the .hbs files.");
            foreach (string file in Directory.GetFiles(directory, "*" + Extension).OrderBy(f => f, StringComparer.Ordinal))
            {
                string fileName = Path.GetFileName(file);
                bool partial = TemplateIncludes.IsPartial(fileName);
                if (!partial && !Names.Contains(fileName.Substring(0, fileName.Length - Extension.Length)))
                    throw new McuAiException(DiagnosticCodes.UnknownTemplate, file,
                        $"'{fileName}' does not name a built-in template. Rename it to one of: {string.Join(", ", Names.Select(n => n + Extension))}; " +
                        $"or start its name with '{TemplateIncludes.PartialPrefix}' if other templates include it; or move it out of the template directory.");
                (partial ? partials : overrides)[fileName] = ReadUserTemplate(file);
            }
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
