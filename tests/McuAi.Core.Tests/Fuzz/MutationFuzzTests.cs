using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McuAi.Diagnostics;
using McuAi.Memory;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Fuzz
{
    /// <summary>
    /// Seeded mutation fuzzing of the reader (issue 2 §7): byte flips, random bytes, truncation and
    /// corrupted offsets/lengths on every small model. Only <see cref="McuAiException"/> may escape, it must
    /// name the file, and nothing may hang. Inputs that still parse are planned, written and read back, to
    /// shake out crashes further down. MCUAI_FUZZ_ITERATIONS sets the mutations per model (default 10,000);
    /// MCUAI_FUZZ_SEED changes the seed (a failure message prints the seed and iteration to replay).
    /// </summary>
    public class MutationFuzzTests
    {
        private const string FileName = "fuzzed.tflite";
        private const int DefaultIterations = 10_000;

        private readonly Xunit.Abstractions.ITestOutputHelper _output;

        public MutationFuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

        /// <summary>The models under 3 KB named in the issue (hello_world_float is slightly over; it is included too).</summary>
        public static IEnumerable<object[]> SmallModels() =>
            SharedData.ModelNames()
                .Where(n => n.StartsWith("hello_world_", StringComparison.Ordinal) || n == "simple_add_int8" || n.StartsWith("op_seanet_", StringComparison.Ordinal))
                .Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(SmallModels))]
        public async Task Only_coded_errors_escape_and_nothing_hangs(string name)
        {
            byte[] original = File.ReadAllBytes(SharedData.ModelPath(name));
            int iterations = EnvInt("MCUAI_FUZZ_ITERATIONS", DefaultIterations);
            int seed = EnvInt("MCUAI_FUZZ_SEED", 12345) ^ StableHash(name);
            var report = new FuzzReport();

            // The loop runs on its own thread so that a hang fails the test (naming the input) instead of the run.
            var run = Task.Factory.StartNew(() => Fuzz(original, iterations, seed, report), TaskCreationOptions.LongRunning);
            var limit = TimeSpan.FromSeconds(120 + iterations / 50);
            Assert.True(await Task.WhenAny(run, Task.Delay(limit)) == run, $"{name}: no result after {limit.TotalSeconds:0} s, at iteration {report.Iteration} (seed {seed}): the reader hangs on that input");

            await run;
            _output.WriteLine($"{name}: {iterations} mutations, seed {seed}: " +
                string.Join(", ", report.Codes.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")));
            Assert.True(report.Failures.Count == 0,
                $"{name} (seed {seed}): {report.Failures.Count} inputs raised something other than a coded error; first ones:\n" + string.Join("\n", report.Failures.Take(5)));
            // The mutations must reach beyond the header: many inputs are rejected for different reasons.
            Assert.True(report.Codes.Count >= 3, $"only codes {string.Join(",", report.Codes.Keys)} were seen: the mutations are too shallow");
        }

        private static void Fuzz(byte[] original, int iterations, int seed, FuzzReport report)
        {
            var random = new Random(seed);
            var offsetLike = OffsetLikePositions(original);
            for (int i = 0; i < iterations; i++)
            {
                report.Iteration = i;
                var (input, mutation) = Mutate(original, offsetLike, random);
                try
                {
                    var model = ModelReader.Read(input, FileName);
                    ArenaPlanner.Plan(model, fileName: FileName);
                    var rewritten = ModelReader.Read(ModelWriter.Write(model, FileName), FileName);
                    string? difference = ModelComparer.FirstDifference(model, rewritten);
                    if (difference is not null) report.Failures.Add($"iteration {i} ({mutation}): parsed but did not round-trip: {difference}");
                    report.Count("parsed");
                }
                catch (McuAiException e)
                {
                    if (e.File != FileName) report.Failures.Add($"iteration {i} ({mutation}): {e.Code} does not name the file");
                    report.Count(e.Code);
                }
                catch (Exception e)
                {
                    report.Failures.Add($"iteration {i} ({mutation}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                }
            }
        }

        /// <summary>One to three mutations of a copy of the model; returns the bytes and what was done.</summary>
        private static (byte[] Bytes, string Description) Mutate(byte[] original, int[] offsetLike, Random random)
        {
            byte[] bytes = (byte[])original.Clone();
            var done = new List<string>();
            int count = 1 + random.Next(3);
            for (int m = 0; m < count && bytes.Length > 0; m++)
            {
                switch (random.Next(6))
                {
                    case 0:
                    {
                        int p = random.Next(bytes.Length);
                        int bit = random.Next(8);
                        bytes[p] ^= (byte)(1 << bit);
                        done.Add($"flip bit {bit} of byte {p}");
                        break;
                    }
                    case 1:
                    {
                        int p = random.Next(bytes.Length);
                        int n = Math.Min(1 + random.Next(16), bytes.Length - p);
                        for (int k = 0; k < n; k++) bytes[p + k] = (byte)random.Next(256);
                        done.Add($"{n} random bytes at {p}");
                        break;
                    }
                    case 2:
                    {
                        int length = random.Next(bytes.Length);
                        bytes = bytes.AsSpan(0, length).ToArray();
                        done.Add($"truncate to {length}");
                        break;
                    }
                    case 3:
                        done.Add(CorruptWord(bytes, random.Next(bytes.Length / 4) * 4, random));
                        break;
                    case 4:
                        // Aim at the words that are offsets or lengths in the original file.
                        int target = offsetLike.Length > 0 ? offsetLike[random.Next(offsetLike.Length)] : 0;
                        done.Add(target + 4 <= bytes.Length ? CorruptWord(bytes, target, random) : "offset-like word truncated away");
                        break;
                    default:
                        done.Add(CorruptHalfWord(bytes, random));
                        break;
                }
            }
            return (bytes, string.Join(", ", done));
        }

        /// <summary>
        /// 4-aligned words whose value would be a valid forward offset or a vector length from there:
        /// the uoffsets, soffsets and lengths of the file, plus some data that looks like them.
        /// </summary>
        private static int[] OffsetLikePositions(byte[] bytes)
        {
            var positions = new List<int>();
            for (int p = 0; p + 4 <= bytes.Length; p += 4)
            {
                int v = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(p));
                if (v != 0 && v > -p && v < bytes.Length - p) positions.Add(p);
            }
            return positions.ToArray();
        }

        /// <summary>The 4-aligned word at <paramref name="p"/> (uoffsets, soffsets and vector lengths live in such words) set to a hostile value.</summary>
        private static string CorruptWord(byte[] bytes, int p, Random random)
        {
            if (p + 4 > bytes.Length) return "no word to corrupt";
            uint old = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(p));
            uint value = random.Next(10) switch
            {
                0 => 0,
                1 => uint.MaxValue,
                2 => int.MaxValue,
                3 => 0x8000_0000u,
                4 => (uint)bytes.Length,
                5 => unchecked((uint)(bytes.Length - p)),            // points exactly at the end
                6 => unchecked((uint)-p),                              // wraps around to byte 0
                7 => unchecked(old + (uint)(random.Next(33) - 16)),    // nearby: a plausible but wrong target
                8 => unchecked(old * 2 + 1),
                _ => (uint)random.Next() ^ ((uint)random.Next(2) << 31),
            };
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(p), value);
            return $"word at {p}: {old} -> {value}";
        }

        /// <summary>A 2-aligned half word (vtable sizes and field offsets) set to a hostile value.</summary>
        private static string CorruptHalfWord(byte[] bytes, Random random)
        {
            if (bytes.Length < 2) return "no half word to corrupt";
            int p = random.Next(bytes.Length / 2) * 2;
            ushort old = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(p));
            ushort value = random.Next(6) switch
            {
                0 => 0,
                1 => ushort.MaxValue,
                2 => 3,                                       // odd and smaller than a vtable header
                3 => unchecked((ushort)(old + 2)),
                4 => unchecked((ushort)(old + random.Next(64))),
                _ => (ushort)random.Next(65536),
            };
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(p), value);
            return $"half word at {p}: {old} -> {value}";
        }

        private static int EnvInt(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

        /// <summary>string.GetHashCode differs per process; the seed must not.</summary>
        private static int StableHash(string s)
        {
            int h = 17;
            foreach (char c in s) h = unchecked(h * 31 + c);
            return h;
        }

        private sealed class FuzzReport
        {
            private int _iteration;
            public int Iteration { get => Volatile.Read(ref _iteration); set => Volatile.Write(ref _iteration, value); }
            public List<string> Failures { get; } = new();
            public Dictionary<string, int> Codes { get; } = new();
            public void Count(string code) => Codes[code] = Codes.TryGetValue(code, out int n) ? n + 1 : 1;
        }
    }
}
