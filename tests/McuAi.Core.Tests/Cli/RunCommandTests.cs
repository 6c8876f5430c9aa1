using System;
using System.IO;
using System.Linq;
using McuAi.Data;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Cli
{
    /// <summary>`mcuai run` as users call it: the real executable, real models and TFLM's golden vectors.</summary>
    public class RunCommandTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "mcuai-run-" + Guid.NewGuid().ToString("N"));

        public RunCommandTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static (int ExitCode, string Stdout, string Stderr) Mcuai(params string[] args) => McuaiProcess.Run(args);

        private static string Golden(string model, string file) => Path.Combine(SharedData.GoldenDir, model, file);

        [Fact]
        public void Raw_input_gives_TFLMs_output_bytes()
        {
            string output = Path.Combine(_dir, "out.bin");
            var (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("person_detection_int8"), "--input", Golden("person_detection_int8", "in2.bin"), "--output", output);
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            Assert.Equal(File.ReadAllBytes(Golden("person_detection_int8", "out2.bin")), File.ReadAllBytes(output));
            Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        }

        [Fact]
        public void Without_output_prints_argmax_and_dequantized_values()
        {
            var (exit, stdout, _) = Mcuai("run", SharedData.ModelPath("mlperf_kws_int8"), "-i", Golden("mlperf_kws_int8", "in1.bin"));
            Assert.Equal(0, exit);
            var expected = File.ReadAllBytes(Golden("mlperf_kws_int8", "out1.bin")).Select(b => (sbyte)b).ToArray();
            int argmax = Array.IndexOf(expected, expected.Max());
            Assert.Contains($"output 0 'Identity' INT8[1,12] scale=0.00390625 zero_point=-128: argmax {argmax} ", stdout);
            Assert.Contains("values: ", stdout);
        }

        [Fact]
        public void Repeat_prints_the_mean_time()
        {
            var (exit, stdout, _) = Mcuai("run", SharedData.ModelPath("hello_world_int8"), "-i", Golden("hello_world_int8", "in1.bin"), "--repeat", "5");
            Assert.Equal(0, exit);
            Assert.Matches(@"mean time per inference: \d+\.\d{3} ms over 5 runs", stdout);
        }

        [Fact]
        public void Wrong_input_size_is_a_coded_error()
        {
            string input = Path.Combine(_dir, "short.bin");
            File.WriteAllBytes(input, new byte[3]);
            var (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("mlperf_kws_int8"), "-i", input);
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI1009", stderr);
            Assert.Contains("490 bytes", stderr);
        }

        [Fact]
        public void Missing_input_file_is_a_coded_error()
        {
            var (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("mlperf_kws_int8"), "-i", Path.Combine(_dir, "none.bin"));
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI3001", stderr);
        }

        [Fact]
        public void Hybrid_model_needs_allow_hybrid_and_then_warns()
        {
            string input = Path.Combine(_dir, "zeros.bin");
            File.WriteAllBytes(input, new byte[49 * 10 * 4]);
            var refused = Mcuai("run", SharedData.ModelPath("mlperf_kws_float"), "-i", input);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("error MCUAI1001", refused.Stderr);
            var allowed = Mcuai("run", SharedData.ModelPath("mlperf_kws_float"), "-i", input, "--allow-hybrid");
            Assert.Equal(0, allowed.ExitCode);
            Assert.Contains("warning MCUAI1001", allowed.Stderr);
            Assert.Contains("argmax", allowed.Stdout);
        }

        [Fact]
        public void Npy_per_input_and_npz_give_the_same_bytes_as_raw_input()
        {
            // simple_add_int8 has two int8 inputs of [1,128,128,1]: split the golden input in two arrays.
            var raw = File.ReadAllBytes(Golden("simple_add_int8", "in1.bin"));
            var shape = new[] { 1, 128, 128, 1 };
            var a = new NpyArray("|i1", shape, raw.Take(raw.Length / 2).ToArray());
            var b = new NpyArray("|i1", shape, raw.Skip(raw.Length / 2).ToArray());
            string npyA = Path.Combine(_dir, "a.npy"), npyB = Path.Combine(_dir, "b.npy");
            NpyFile.WriteFile(a, npyA);
            NpyFile.WriteFile(b, npyB);
            string fromNpy = Path.Combine(_dir, "npy.bin");
            var (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("simple_add_int8"), "-i", npyA, "-i", npyB, "-o", fromNpy);
            Assert.True(exit == 0, stderr);
            Assert.Equal(File.ReadAllBytes(Golden("simple_add_int8", "out1.bin")), File.ReadAllBytes(fromNpy));

            // An .npz (a zip of .npy files) whose arrays are not named after the inputs is taken in order.
            string npz = Path.Combine(_dir, "both.npz");
            using (var zip = System.IO.Compression.ZipFile.Open(npz, System.IO.Compression.ZipArchiveMode.Create))
            {
                foreach (var (name, array) in new[] { ("arr_0.npy", a), ("arr_1.npy", b) })
                {
                    using var entry = zip.CreateEntry(name).Open();
                    entry.Write(NpyFile.Write(array));
                }
            }
            string fromNpz = Path.Combine(_dir, "npz.bin");
            (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("simple_add_int8"), "-i", npz, "-o", fromNpz);
            Assert.True(exit == 0, stderr);
            Assert.Equal(File.ReadAllBytes(fromNpy), File.ReadAllBytes(fromNpz));
        }

        [Fact]
        public void Float_npy_for_a_float_model_matches_TFLM_within_tolerance()
        {
            var raw = File.ReadAllBytes(Golden("mlperf_ic_float", "in2.bin"));
            string npy = Path.Combine(_dir, "image.npy");
            NpyFile.WriteFile(new NpyArray("<f4", new[] { 1, 32, 32, 3 }, raw), npy);
            string output = Path.Combine(_dir, "out.bin");
            var (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("mlperf_ic_float"), "--input", npy, "--output", output);
            Assert.True(exit == 0, stderr);
            var expected = Floats(File.ReadAllBytes(Golden("mlperf_ic_float", "out2.bin")));
            var actual = Floats(File.ReadAllBytes(output));
            double max = expected.Max(Math.Abs);
            Assert.All(expected.Zip(actual), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-5 * max));
        }

        [Fact]
        public void Npy_of_the_wrong_type_is_a_coded_error()
        {
            string npy = Path.Combine(_dir, "wrong.npy");
            NpyFile.WriteFile(new NpyArray("<i4", new[] { 1, 490 }, new byte[490 * 4]), npy);
            var (exit, _, stderr) = Mcuai("run", SharedData.ModelPath("mlperf_kws_int8"), "--input", npy);
            Assert.Equal(1, exit);
            Assert.Contains("error MCUAI3006", stderr);
        }

        private static float[] Floats(byte[] bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
