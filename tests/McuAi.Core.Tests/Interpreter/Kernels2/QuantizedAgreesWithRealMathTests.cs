using System;
using System.Linq;
using McuAi.TfLite;
using Xunit;
using McuAi.Runtime.C.Bench;

namespace McuAi.Tests.Interpreter.Kernels2
{
    /// <summary>
    /// Seeded random inputs and scales: each quantized kernel must land within one step of the real-valued
    /// result quantized with the output's parameters. This checks the int8 paths that no golden model
    /// covers (the bit-exact details are pinned by the hand-computed tests and the golden data).
    /// </summary>
    public class QuantizedAgreesWithRealMathTests
    {
        private const int Cases = 40;

        private static sbyte[] RandomInt8(Random random, int n) => Enumerable.Range(0, n).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();

        private static float RandomScale(Random random) => (float)(0.01 + random.NextDouble() * 0.2);

        private static int Quantize(double real, float scale, int zeroPoint) =>
            Math.Max(-128, Math.Min(127, (int)Math.Round(real / scale, MidpointRounding.AwayFromZero) + zeroPoint));

        private static void AssertWithinOneStep(int[] expected, sbyte[] actual, string what)
        {
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1, $"{what}: element {i} is {actual[i]}, the real result quantizes to {expected[i]}");
        }

        [Fact]
        public void Sub_int8_with_broadcasting()
        {
            var random = new Random(11);
            for (int c = 0; c < Cases; c++)
            {
                float sa = RandomScale(random), sb = RandomScale(random), so = RandomScale(random) * 2;
                int za = random.Next(-20, 20), zb = random.Next(-20, 20), zo = random.Next(-20, 20);
                var a = RandomInt8(random, 8);
                var b = RandomInt8(random, 4);
                var interpreter = new SingleOpModel(BuiltinOperator.SUB, "SubOptions")
                    .Input(TensorType.INT8, new[] { 2, 4 }, sa, za).Input(TensorType.INT8, new[] { 4 }, sb, zb)
                    .Output(TensorType.INT8, new[] { 2, 4 }, so, zo).Build();
                var y = SingleOpModel.Invoke<sbyte>(interpreter, a, b);
                var expected = a.Select((v, i) => Quantize(sa * (v - za) - sb * (b[i % 4] - zb), so, zo)).ToArray();
                AssertWithinOneStep(expected, y, $"case {c}");
            }
        }

        [Fact]
        public void Leaky_relu_div_and_mean_int8()
        {
            var random = new Random(12);
            for (int c = 0; c < Cases; c++)
            {
                float si = RandomScale(random), so = RandomScale(random);
                int zi = random.Next(-30, 30), zo = random.Next(-30, 30);
                float alpha = (float)(random.NextDouble() * 0.5);
                var x = RandomInt8(random, 8);

                var leaky = new SingleOpModel(BuiltinOperator.LEAKY_RELU, "LeakyReluOptions", ("alpha", alpha))
                    .Input(TensorType.INT8, new[] { 8 }, si, zi).Output(TensorType.INT8, new[] { 8 }, so, zo).Run<sbyte, sbyte>(x);
                AssertWithinOneStep(x.Select(v => { double r = si * (v - zi); return Quantize(r > 0 ? r : r * alpha, so, zo); }).ToArray(), leaky, $"LEAKY_RELU case {c}");

                var mean = new SingleOpModel(BuiltinOperator.MEAN, "ReducerOptions")
                    .Input(TensorType.INT8, new[] { 2, 4 }, si, zi).Constant(TensorType.INT32, new[] { 1 }, new[] { 1 })
                    .Output(TensorType.INT8, new[] { 2 }, si, zo).Run<sbyte, sbyte>(x);
                AssertWithinOneStep(new[] { 0, 1 }.Select(r => Quantize(Enumerable.Range(0, 4).Average(k => si * (x[r * 4 + k] - zi)), si, zo)).ToArray(), mean, $"MEAN case {c}");

                // Divisors kept away from zero so the quotient stays within range most of the time.
                var d = x.Select(v => (sbyte)(v >= 0 ? Math.Max((int)v, 40) : Math.Min((int)v, -40))).ToArray();
                var interpreter = new SingleOpModel(BuiltinOperator.DIV, "DivOptions")
                    .Input(TensorType.INT8, new[] { 8 }, si, 0).Input(TensorType.INT8, new[] { 8 }, si, 0)
                    .Output(TensorType.INT8, new[] { 8 }, 1f / 64, zo).Build();
                var q = SingleOpModel.Invoke<sbyte>(interpreter, x, d);
                AssertWithinOneStep(x.Select((v, i) => Quantize((double)v / d[i], 1f / 64, zo)).ToArray(), q, $"DIV case {c}");
            }
        }

        [Fact]
        public void Transpose_conv_int8_matches_the_float_kernel_on_dequantized_values()
        {
            var random = new Random(13);
            for (int c = 0; c < Cases / 4; c++)
            {
                float si = RandomScale(random), so = 0;
                int zi = random.Next(-10, 10), zo = random.Next(-10, 10);
                var filterScales = new[] { RandomScale(random), RandomScale(random) };
                var filter = RandomInt8(random, 2 * 3 * 3 * 2);
                var bias = new[] { random.Next(-500, 500), random.Next(-500, 500) };
                var x = RandomInt8(random, 2 * 3 * 2);
                SingleOpModel Model(bool quantized)
                {
                    var m = new SingleOpModel(BuiltinOperator.TRANSPOSE_CONV, "TransposeConvOptions", ("padding", Padding.SAME), ("stride_w", 2), ("stride_h", 2))
                        .Constant(TensorType.INT32, new[] { 4 }, new[] { 1, 4, 6, 2 });
                    if (quantized)
                        return m.Constant(TensorType.INT8, new[] { 2, 3, 3, 2 }, filter).PerChannel(filterScales)
                            .Input(TensorType.INT8, new[] { 1, 2, 3, 2 }, si, zi)
                            .Constant(TensorType.INT32, new[] { 2 }, bias)
                            .Output(TensorType.INT8, new[] { 1, 4, 6, 2 }, so, zo);
                    var realFilter = filter.Select((w, i) => w * filterScales[i / 18]).ToArray();
                    return m.Constant(TensorType.FLOAT32, new[] { 2, 3, 3, 2 }, realFilter)
                        .Input(TensorType.FLOAT32, new[] { 1, 2, 3, 2 })
                        .Constant(TensorType.FLOAT32, new[] { 2 }, bias.Select((b, i) => b * si * filterScales[i]).ToArray())
                        .Output(TensorType.FLOAT32, new[] { 1, 4, 6, 2 });
                }
                var real = Model(false).Run<float, float>(x.Select(v => si * (v - zi)).ToArray());
                // An output scale that spans the results, so that few of them saturate.
                so = real.Max(Math.Abs) / 100;
                var q = Model(true).Run<sbyte, sbyte>(x);
                AssertWithinOneStep(real.Select(r => Quantize(r, so, zo)).ToArray(), q, $"case {c}");
            }
        }
    }
}
