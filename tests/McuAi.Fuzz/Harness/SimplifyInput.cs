using System;
using System.Diagnostics;
using System.IO;

namespace McuAi.Fuzz.Harness
{
    /// <summary>
    /// The file through which the simplification pipeline (which reads its model from disk) gets each mutant: one per
    /// process, in a folder named after the process id, removed when the process exits normally. A killed worker's folder
    /// is removed by the next worker, which sweeps the folders of processes that no longer run.
    /// </summary>
    public static class SimplifyInput
    {
        private const string Prefix = "mcuai-fuzz-simplify-";
        private static readonly Lazy<string> s_path = new(Create);

        public static string Path => s_path.Value;

        private static string Create()
        {
            string root = System.IO.Path.GetTempPath();
            foreach (string stale in Directory.GetDirectories(root, Prefix + "*"))
                if (int.TryParse(System.IO.Path.GetFileName(stale).Substring(Prefix.Length), out int pid) && !Running(pid))
                    TryDelete(stale);
            string dir = System.IO.Path.Combine(root, Prefix + Environment.ProcessId);
            Directory.CreateDirectory(dir);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(dir);
            return System.IO.Path.Combine(dir, "mutant.tflite");
        }

        private static bool Running(int pid)
        {
            try
            {
                using var p = Process.GetProcessById(pid);
                return !p.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static void TryDelete(string dir)
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
