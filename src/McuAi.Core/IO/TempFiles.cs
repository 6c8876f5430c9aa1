using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace McuAi.IO
{
    /// <summary>
    /// The temporary files the product writes beside its outputs, and the sweep that removes those a killed
    /// run left behind. A name says whose it is: <c>.&lt;file&gt;.&lt;process id&gt;-&lt;guid&gt;.tmp</c> (or <c>.bak</c>
    /// for the copy kept while a set of files is committed). A file of this naming whose process has ended is
    /// stale; so is one in the older naming <c>.&lt;file&gt;.&lt;guid&gt;.tmp</c> that nobody touched for an hour.
    /// Files of a running process (a concurrent build writing the same folder) are never removed.
    /// </summary>
    internal static class TempFiles
    {
        private static readonly Regex s_ours = new(@"^\..+\.(\d+)-[0-9a-f]{32}\.(tmp|bak)$", RegexOptions.CultureInvariant);
        private static readonly Regex s_older = new(@"^\..+\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant);
        private static readonly TimeSpan s_olderAge = TimeSpan.FromHours(1);
        private static readonly int s_processId = Process.GetCurrentProcess().Id;

        /// <summary>A new temporary name beside <paramref name="target"/> (same folder: the rename stays on one volume).</summary>
        public static string For(string target, string extension = "tmp")
        {
            string folder = Path.GetDirectoryName(target) ?? ".";
            return Path.Combine(folder, "." + Path.GetFileName(target) + "." + s_processId.ToString(CultureInfo.InvariantCulture) + "-" +
                Guid.NewGuid().ToString("N") + "." + extension);
        }

        /// <summary>Removes stale temporary files of our naming from <paramref name="folder"/>; never fails.</summary>
        public static void Sweep(string folder)
        {
            string[] candidates;
            try
            {
                if (!Directory.Exists(folder)) return;
                candidates = Directory.GetFiles(folder, ".*");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return;
            }
            foreach (string path in candidates)
            {
                try
                {
                    if (IsStale(path)) File.Delete(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another sweeper or its owner got there first.
                }
            }
        }

        internal static bool IsStale(string path)
        {
            string name = Path.GetFileName(path);
            var ours = s_ours.Match(name);
            if (ours.Success)
            {
                if (!int.TryParse(ours.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) return false;
                return pid != s_processId && !IsRunning(pid, File.GetLastWriteTimeUtc(path));
            }
            return s_older.IsMatch(name) && DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > s_olderAge;
        }

        /// <summary>Whether process <paramref name="pid"/> runs and could have written a file at <paramref name="written"/> (ids are reused).</summary>
        private static bool IsRunning(int pid, DateTime written)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                if (process.HasExited) return false;
                return process.StartTime.ToUniversalTime() <= written.AddSeconds(1);
            }
            catch (ArgumentException)
            {
                return false; // no such process
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return true; // cannot tell (another user's process): keep the file
            }
        }
    }
}
