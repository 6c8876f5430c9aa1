using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.Interpreter;
using McuAi.Reports;
using McuAi.TfLite;

namespace McuAi.CodeGen
{
    /// <summary>One self-test case: the bytes of every input and of every expected output, concatenated in order.</summary>
    public sealed class SelfTestVector
    {
        public SelfTestVector(byte[] inputs, byte[] outputs)
        {
            Inputs = inputs ?? throw new ArgumentNullException(nameof(inputs));
            Outputs = outputs ?? throw new ArgumentNullException(nameof(outputs));
        }

        public byte[] Inputs { get; }
        public byte[] Outputs { get; }
    }

    /// <summary>
    /// The self-test vectors of <c>SelfTest</c> / <c>--self-test N</c>: vector 0 is "real zero" (every quantized
    /// input at its zero point, float inputs 0), the others uniform over the input type's range (floats in
    /// [-1, 1]) from a fixed seed, so the same model always gives the same file; the expected outputs are the
    /// interpreter's (bit-exact with TFLM for integer models).
    /// </summary>
    public static class SelfTestVectors
    {
        /// <summary>Most bytes the vectors may hold in all (inputs and outputs, before they become C text ~6× larger).</summary>
        public const long MaxBytes = 16L << 20;

        public static IReadOnlyList<SelfTestVector> FromInterpreter(Model model, int count, string? fileName, SettingNames? names = null)
        {
            var interpreter = new ModelInterpreter(model, new InterpreterOptions(), fileName);
            // Bounded before any vector is made: a model declaring huge inputs (a 3 KB file with a batch of 4,194,304:
            // fuzz seed 20261205, mutant 617950) made 691 MB of vectors and text.
            long perVector = Enumerable.Range(0, interpreter.InputCount).Sum(i => interpreter.Input(i).ByteSize)
                + Enumerable.Range(0, interpreter.OutputCount).Sum(i => interpreter.Output(i).ByteSize);
            if (count > 0 && perVector > MaxBytes / count)
            {
                var knob = names ?? SettingNames.CommandLine;
                long fits = MaxBytes / Math.Max(1, perVector);
                string advice = fits >= 1
                    ? $"use at most {NumberFormat.Plain(fits)} vectors ({knob.Assign(Setting.SelfTest, NumberFormat.Plain(fits))})"
                    : $"this model's vectors are too large to embed: build it without a self-test ({knob.Assign(Setting.SelfTest, "0")})";
                throw new McuAiException(DiagnosticCodes.SelfTestInvalid, fileName,
                    $"{NumberFormat.Plain(count)} self-test vectors of {NumberFormat.Grouped(perVector)} bytes (inputs and outputs) exceed the {MaxBytes >> 20} MiB the generated self-test may hold; {advice}.");
            }
            var random = new SplitMix64(0x6d637561695f7374UL); // "mcuai_st"
            var result = new List<SelfTestVector>();
            for (int k = 0; k < count; k++)
            {
                var inputs = new List<byte>();
                for (int i = 0; i < interpreter.InputCount; i++) inputs.AddRange(InputBytes(interpreter.Input(i), k == 0 ? null : random));
                var bytes = inputs.ToArray();
                interpreter.SetInputs(bytes);
                interpreter.Invoke();
                result.Add(new SelfTestVector(bytes, interpreter.GetOutputs()));
            }
            return result;
        }

        private static byte[] InputBytes(RuntimeTensor tensor, SplitMix64? random)
        {
            int n = checked((int)tensor.ElementCount);
            var bytes = new byte[tensor.ByteSize];
            for (int i = 0; i < n; i++)
            {
                switch (tensor.Type)
                {
                    case TensorType.FLOAT32:
                        float f = random is null ? 0f : (float)(random.NextDouble() * 2 - 1);
                        BitConverter.GetBytes(f).CopyTo(bytes, i * 4);
                        break;
                    case TensorType.INT8:
                        bytes[i] = (byte)(random is null ? tensor.ZeroPoint : (int)random.Next(256));
                        break;
                    case TensorType.UINT8:
                        bytes[i] = (byte)(random is null ? tensor.ZeroPoint : (int)random.Next(256));
                        break;
                    case TensorType.INT16:
                        BitConverter.GetBytes((short)(random is null ? tensor.ZeroPoint : (int)random.Next(65536))).CopyTo(bytes, i * 2);
                        break;
                    case TensorType.INT32:
                        BitConverter.GetBytes(random is null ? tensor.ZeroPoint : (int)random.Next(1UL << 32)).CopyTo(bytes, i * 4);
                        break;
                    default:
                        // Other types: zero bytes (a valid value of every type).
                        break;
                }
            }
            return bytes;
        }

        /// <summary>A small PRNG with one fixed algorithm on every runtime (System.Random's may change).</summary>
        private sealed class SplitMix64
        {
            private ulong _state;

            public SplitMix64(ulong seed) => _state = seed;

            public ulong NextUInt64()
            {
                ulong z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }

            /// <summary>Uniform in [0, bound).</summary>
            public ulong Next(ulong bound) => NextUInt64() % bound;

            public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        }
    }
}
