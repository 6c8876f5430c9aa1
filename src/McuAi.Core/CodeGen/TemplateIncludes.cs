using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace McuAi.CodeGen
{
    /// <summary>
    /// What <c>{{ include '_name.scriban' }}</c> can reach: the partials of the template folder (files
    /// whose name starts with '_'), read when the folder was loaded. A name is a file name, never a
    /// path, so no template reads anything else from disk, and rendering does no I/O.
    /// </summary>
    internal sealed class TemplateIncludes : ITemplateLoader
    {
        public const string PartialPrefix = "_";

        /// <summary>Nothing to include: the built-in templates, or a folder without partials.</summary>
        public static readonly TemplateIncludes None = new TemplateIncludes(null, new Dictionary<string, string>());

        private readonly string? _directory;
        // File name -> text.
        private readonly IReadOnlyDictionary<string, string> _partials;

        public TemplateIncludes(string? directory, IReadOnlyDictionary<string, string> partials)
        {
            _directory = directory;
            _partials = partials;
        }

        public static bool IsPartial(string fileName) => fileName.StartsWith(PartialPrefix, StringComparison.Ordinal);

        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            // '_tensor' and '_tensor.scriban' both name _tensor.scriban.
            string fileName = templateName.EndsWith(TemplateSet.Extension, StringComparison.Ordinal) ? templateName : templateName + TemplateSet.Extension;
            if (_directory is not null && _partials.ContainsKey(fileName)) return Path.Combine(_directory, fileName);
            string known = _partials.Count == 0 ? "there are none" : "there are " + string.Join(", ", _partials.Keys.OrderBy(k => k, StringComparer.Ordinal));
            throw new ScriptRuntimeException(callerSpan,
                $"cannot include '{templateName}': include names a partial of the template directory (a file '{PartialPrefix}<name>{TemplateSet.Extension}'; {known})");
        }

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => _partials[Path.GetFileName(templatePath)];

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            new ValueTask<string?>(Load(context, callerSpan, templatePath));
    }
}
