using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.IO;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Cli
{
    /// <summary>
    /// Issue 10 §C: a generation writes its set of files all or nothing, sweeps the temporary files killed runs
    /// left, and refuses symbols that differ only in case in one folder (their include guards clash).
    /// </summary>
    public class GenerateOutputSetTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "mcuai-outset-" + Guid.NewGuid().ToString("N"));

        public GenerateOutputSetTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static string[] Listing(string dir) =>
            Directory.GetFileSystemEntries(dir, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(dir, p)).OrderBy(p => p, StringComparer.Ordinal).ToArray();

        [Fact]
        public void A_blocked_output_name_leaves_the_folder_as_it_was()
        {
            // The case: one output name exists as a folder; before, the files written before it stayed.
            Directory.CreateDirectory(Path.Combine(_dir, "hello_model_settings.h"));
            var before = Listing(_dir);
            var (exit, _, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", _dir, "--symbol", "hello");
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI2008", stderr);
            Assert.Contains("Nothing was changed", stderr);
            Assert.Equal(before, Listing(_dir));
        }

        [Fact]
        public void A_failed_set_keeps_the_old_files_and_no_temporary_ones()
        {
            var first = new[] { new GeneratedFile("a.h", new byte[] { 1 }), new GeneratedFile("b.h", new byte[] { 2 }) };
            OutputWriter.WriteAll(_dir, first);
            Directory.CreateDirectory(Path.Combine(_dir, "c.h"));
            var second = new[] { new GeneratedFile("a.h", new byte[] { 9 }), new GeneratedFile("b.h", new byte[] { 9 }), new GeneratedFile("c.h", new byte[] { 9 }) };
            var e = Assert.Throws<McuAiException>(() => OutputWriter.WriteAll(_dir, second));
            Assert.Equal(DiagnosticCodes.OutputWriteFailed, e.Code);
            Assert.Equal(new byte[] { 1 }, File.ReadAllBytes(Path.Combine(_dir, "a.h")));
            Assert.Equal(new byte[] { 2 }, File.ReadAllBytes(Path.Combine(_dir, "b.h")));
            Assert.Empty(Directory.GetFiles(_dir, ".*"));
        }

        [Fact]
        public void Stale_temporary_files_of_killed_runs_are_swept_and_live_ones_kept()
        {
            string dead = Path.Combine(_dir, ".x_model_data.cc." + DeadProcessId() + "-" + Guid.NewGuid().ToString("N") + ".tmp");
            string deadBackup = Path.Combine(_dir, ".x_model.h." + DeadProcessId() + "-" + Guid.NewGuid().ToString("N") + ".bak");
            string oldNaming = Path.Combine(_dir, ".x_model.cc." + Guid.NewGuid().ToString("N") + ".tmp");
            string live = Path.Combine(_dir, ".x_model.cc." + Process.GetCurrentProcess().Id + "-" + Guid.NewGuid().ToString("N") + ".tmp");
            string recentOldNaming = Path.Combine(_dir, ".y.h." + Guid.NewGuid().ToString("N") + ".tmp");
            string notOurs = Path.Combine(_dir, ".user.tmp");
            foreach (var f in new[] { dead, deadBackup, oldNaming, live, recentOldNaming, notOurs }) File.WriteAllBytes(f, new byte[] { 0 });
            File.SetLastWriteTimeUtc(oldNaming, DateTime.UtcNow.AddHours(-2));

            var (exit, _, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", _dir, "--symbol", "hello");
            Assert.True(exit == 0, stderr);
            Assert.False(File.Exists(dead));
            Assert.False(File.Exists(deadBackup));
            Assert.False(File.Exists(oldNaming));
            Assert.True(File.Exists(live), "a running process's temporary file was removed");
            Assert.True(File.Exists(recentOldNaming), "a recent temporary file of the older naming was removed");
            Assert.True(File.Exists(notOurs), "a file of another naming was removed");
        }

        [Fact]
        public void Symbols_that_differ_only_in_case_are_refused_in_one_folder()
        {
            var (exit, _, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", _dir, "--symbol", "kws");
            Assert.True(exit == 0, stderr);
            var before = Listing(_dir);
            (exit, _, stderr) = McuaiProcess.Run("generate", SharedData.ModelPath("hello_world_int8"), "--out", _dir, "--symbol", "KWS");
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI2011", stderr);
            Assert.Contains("only in case", stderr);
            Assert.Equal(before, Listing(_dir));
        }

        [Fact]
        public void Combined_generation_refuses_symbols_that_differ_only_in_case()
        {
            var model = McuAi.TfLite.ModelReader.ReadFile(SharedData.ModelPath("hello_world_int8"));
            var e = Assert.Throws<McuAiException>(() => ModelCodeGenerator.GenerateCombined(new (McuAi.TfLite.Model, GenerationOptions, string?)[]
            {
                (model, new GenerationOptions { Symbol = "kws" }, "a.tflite"),
                (model, new GenerationOptions { Symbol = "KWS" }, "b.tflite"),
            }));
            Assert.Equal(DiagnosticCodes.CombinedSymbolClash, e.Code);
        }

        /// <summary>A process id no process has (ids stop far below int.MaxValue).</summary>
        private static int DeadProcessId() => int.MaxValue - 7;
    }
}
