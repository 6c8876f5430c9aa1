using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace McuAi.Build.Tasks
{
    /// <summary>
    /// Task items from literal strings. MSBuild stores item specs and metadata escaped (%25 for '%', %3B for
    /// ';' ...); a path with those characters passed unescaped would be split or mangled on its way back.
    /// </summary>
    internal static class Items
    {
        public static TaskItem FromPath(string path) => new(Escape(path));

        public static void SetLiteral(this ITaskItem item, string name, string value)
        {
            if (item is ITaskItem2 item2) item2.SetMetadataValueLiteral(name, value);
            else item.SetMetadata(name, Escape(value));
        }

        /// <summary>MSBuild's escaping: each special character becomes %XX.</summary>
        public static string Escape(string text)
        {
            if (text.IndexOfAny(s_special) < 0) return text;
            var sb = new StringBuilder(text.Length + 8);
            foreach (char c in text)
            {
                if (System.Array.IndexOf(s_special, c) >= 0) sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static readonly char[] s_special = { '%', '*', '?', '@', '$', '(', ')', ';', '\'' };
    }
}
