using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using McuAi.TfLite;

namespace McuAi.Tests.Simplification.Mnist
{
    /// <summary>
    /// A small CNN for MNIST trained here with plain SGD (one sample at a time, fixed seed, one thread: the same weights
    /// on every machine), and written as a float .tflite with the project's own object model and writer:
    /// CONV_2D 3x3/2 (8, RELU) → CONV_2D 3x3/2 (16, RELU) → RESHAPE [1, 784] → FULLY_CONNECTED (32, RELU) → FULLY_CONNECTED (10) → SOFTMAX.
    /// Both convolutions use SAME padding, which for these sizes pads only the bottom and right edge.
    /// </summary>
    public sealed class SmallCnn
    {
        private const int C1 = 8, C2 = 16, Hidden = 32, Classes = 10, S0 = 28, S1 = 14, S2 = 7, Flat = S2 * S2 * C2;
        private readonly float[] _w1 = new float[C1 * 9], _b1 = new float[C1];
        private readonly float[] _w2 = new float[C2 * 9 * C1], _b2 = new float[C2];
        private readonly float[] _w3 = new float[Hidden * Flat], _b3 = new float[Hidden];
        private readonly float[] _w4 = new float[Classes * Hidden], _b4 = new float[Classes];

        // Activations of the last forward pass (and their gradients), reused between samples.
        private readonly float[] _a1 = new float[S1 * S1 * C1], _a2 = new float[Flat], _h = new float[Hidden], _p = new float[Classes];
        private readonly float[] _d1 = new float[S1 * S1 * C1], _d2 = new float[Flat], _dh = new float[Hidden];

        /// <summary>The network the tests share: trained once per test run (seeded, so always the same weights) and its float .tflite.</summary>
        public static readonly Lazy<(SmallCnn Network, byte[] Bytes)> Trained = new(() =>
        {
            var digits = MnistDigits.Subset;
            var network = new SmallCnn(seed: 1);
            network.Train(digits.TrainImages, digits.TrainLabels, epochs: 4, rate: 0.02, seed: 2);
            return (network, ModelWriter.Write(network.ToModel()));
        });

        public SmallCnn(int seed)
        {
            var random = new Random(seed);
            void Init(float[] w, int fanIn)
            {
                double limit = Math.Sqrt(6.0 / fanIn);
                for (int i = 0; i < w.Length; i++) w[i] = (float)((random.NextDouble() * 2 - 1) * limit);
            }
            Init(_w1, 9);
            Init(_w2, 9 * C1);
            Init(_w3, Flat);
            Init(_w4, Hidden);
        }

        /// <summary>Trains with plain SGD, the samples in a fixed shuffled order each epoch, learning rate decayed per epoch.</summary>
        public void Train(float[][] images, byte[] labels, int epochs, double rate, int seed)
        {
            var random = new Random(seed);
            var order = Enumerable.Range(0, images.Length).ToArray();
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                for (int i = order.Length - 1; i > 0; i--)
                {
                    int j = random.Next(i + 1);
                    (order[i], order[j]) = (order[j], order[i]);
                }
                float lr = (float)(rate / (1 + epoch));
                foreach (int s in order) Step(images[s], labels[s], lr);
            }
        }

        /// <summary>Class probabilities of one image (the forward pass the .tflite must reproduce).</summary>
        public float[] Predict(float[] image)
        {
            Forward(image);
            return (float[])_p.Clone();
        }

        private void Forward(float[] x)
        {
            for (int y = 0; y < S1; y++)
                for (int xx = 0; xx < S1; xx++)
                    for (int o = 0; o < C1; o++)
                    {
                        float sum = _b1[o];
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = 2 * y + ky, ix = 2 * xx + kx;
                                if (iy < S0 && ix < S0) sum += _w1[o * 9 + ky * 3 + kx] * x[iy * S0 + ix];
                            }
                        _a1[(y * S1 + xx) * C1 + o] = Math.Max(0, sum);
                    }
            for (int y = 0; y < S2; y++)
                for (int xx = 0; xx < S2; xx++)
                    for (int o = 0; o < C2; o++)
                    {
                        float sum = _b2[o];
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = 2 * y + ky, ix = 2 * xx + kx;
                                if (iy >= S1 || ix >= S1) continue;
                                for (int i = 0; i < C1; i++) sum += _w2[((o * 3 + ky) * 3 + kx) * C1 + i] * _a1[(iy * S1 + ix) * C1 + i];
                            }
                        _a2[(y * S2 + xx) * C2 + o] = Math.Max(0, sum);
                    }
            for (int j = 0; j < Hidden; j++)
            {
                float sum = _b3[j];
                for (int i = 0; i < Flat; i++) sum += _w3[j * Flat + i] * _a2[i];
                _h[j] = Math.Max(0, sum);
            }
            float max = float.MinValue;
            for (int k = 0; k < Classes; k++)
            {
                float sum = _b4[k];
                for (int j = 0; j < Hidden; j++) sum += _w4[k * Hidden + j] * _h[j];
                _p[k] = sum;
                max = Math.Max(max, sum);
            }
            float total = 0;
            for (int k = 0; k < Classes; k++) total += _p[k] = (float)Math.Exp(_p[k] - max);
            for (int k = 0; k < Classes; k++) _p[k] /= total;
        }

        /// <summary>One SGD step on the cross-entropy of one sample.</summary>
        private void Step(float[] x, int label, float lr)
        {
            Forward(x);
            Array.Clear(_dh, 0, _dh.Length);
            for (int k = 0; k < Classes; k++)
            {
                float dz = _p[k] - (k == label ? 1 : 0);
                for (int j = 0; j < Hidden; j++)
                {
                    _dh[j] += dz * _w4[k * Hidden + j];
                    _w4[k * Hidden + j] -= lr * dz * _h[j];
                }
                _b4[k] -= lr * dz;
            }
            Array.Clear(_d2, 0, _d2.Length);
            for (int j = 0; j < Hidden; j++)
            {
                if (_h[j] <= 0) continue;
                float d = _dh[j];
                for (int i = 0; i < Flat; i++)
                {
                    _d2[i] += d * _w3[j * Flat + i];
                    _w3[j * Flat + i] -= lr * d * _a2[i];
                }
                _b3[j] -= lr * d;
            }
            Array.Clear(_d1, 0, _d1.Length);
            for (int y = 0; y < S2; y++)
                for (int xx = 0; xx < S2; xx++)
                    for (int o = 0; o < C2; o++)
                    {
                        int at = (y * S2 + xx) * C2 + o;
                        if (_a2[at] <= 0) continue;
                        float d = _d2[at];
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = 2 * y + ky, ix = 2 * xx + kx;
                                if (iy >= S1 || ix >= S1) continue;
                                for (int i = 0; i < C1; i++)
                                {
                                    int w = ((o * 3 + ky) * 3 + kx) * C1 + i, a = (iy * S1 + ix) * C1 + i;
                                    _d1[a] += d * _w2[w];
                                    _w2[w] -= lr * d * _a1[a];
                                }
                            }
                        _b2[o] -= lr * d;
                    }
            for (int y = 0; y < S1; y++)
                for (int xx = 0; xx < S1; xx++)
                    for (int o = 0; o < C1; o++)
                    {
                        int at = (y * S1 + xx) * C1 + o;
                        if (_a1[at] <= 0) continue;
                        float d = _d1[at];
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = 2 * y + ky, ix = 2 * xx + kx;
                                if (iy < S0 && ix < S0) _w1[o * 9 + ky * 3 + kx] -= lr * d * x[iy * S0 + ix];
                            }
                        _b1[o] -= lr * d;
                    }
        }

        /// <summary>The network as a float TFLite model (the writer's object model; the caller serialises it).</summary>
        public Model ToModel()
        {
            var model = new Model { Description = "MNIST small CNN trained by McuAi.Build's tests" };
            model.Buffers.Add(new McuAi.TfLite.Buffer());
            var g = new SubGraph { Name = "main" };
            model.Subgraphs.Add(g);
            int Tensor(string name, int[] shape, TensorType type = TensorType.FLOAT32, byte[]? data = null)
            {
                uint buffer = 0;
                if (data is not null)
                {
                    model.Buffers.Add(new McuAi.TfLite.Buffer { Data = data, HasDataField = true });
                    buffer = (uint)(model.Buffers.Count - 1);
                }
                g.Tensors.Add(new McuAi.TfLite.Tensor { Name = name, Shape = shape, Type = type, Buffer = buffer });
                return g.Tensors.Count - 1;
            }
            byte[] F(float[] v) => MemoryMarshal.AsBytes(v.AsSpan()).ToArray();
            uint Code(BuiltinOperator op)
            {
                int index = model.OperatorCodes.FindIndex(c => c.Op == op);
                if (index >= 0) return (uint)index;
                model.OperatorCodes.Add(new OperatorCode { BuiltinCode = (int)op, DeprecatedBuiltinCode = (sbyte)op, Version = 1 });
                return (uint)(model.OperatorCodes.Count - 1);
            }
            OperatorOptions Options(string table, params (string Name, object Value)[] fields)
            {
                var o = new OperatorOptions(OptionsSchema.ByName(table));
                foreach (var (name, value) in fields) o.Set(name, value);
                return o;
            }
            void Op(BuiltinOperator op, int[] inputs, int output, OperatorOptions options) =>
                g.Operators.Add(new Operator { OpcodeIndex = Code(op), Inputs = inputs, Outputs = new[] { output }, BuiltinOptions = options });
            OperatorOptions Conv() => Options("Conv2DOptions", ("padding", (int)Padding.SAME), ("stride_w", 2), ("stride_h", 2),
                ("fused_activation_function", (int)ActivationFunctionType.RELU), ("dilation_w_factor", 1), ("dilation_h_factor", 1));

            int input = Tensor("image", new[] { 1, S0, S0, 1 });
            int a1 = Tensor("conv1", new[] { 1, S1, S1, C1 });
            Op(BuiltinOperator.CONV_2D, new[] { input, Tensor("conv1/filter", new[] { C1, 3, 3, 1 }, data: F(_w1)), Tensor("conv1/bias", new[] { C1 }, data: F(_b1)) }, a1, Conv());
            int a2 = Tensor("conv2", new[] { 1, S2, S2, C2 });
            Op(BuiltinOperator.CONV_2D, new[] { a1, Tensor("conv2/filter", new[] { C2, 3, 3, C1 }, data: F(_w2)), Tensor("conv2/bias", new[] { C2 }, data: F(_b2)) }, a2, Conv());
            int flat = Tensor("flatten", new[] { 1, Flat });
            int shape = Tensor("flatten/shape", new[] { 2 }, TensorType.INT32, MemoryMarshal.AsBytes(new[] { 1, Flat }.AsSpan()).ToArray());
            Op(BuiltinOperator.RESHAPE, new[] { a2, shape }, flat, Options("ReshapeOptions", ("new_shape", new[] { 1, Flat })));
            int h = Tensor("dense1", new[] { 1, Hidden });
            Op(BuiltinOperator.FULLY_CONNECTED, new[] { flat, Tensor("dense1/weights", new[] { Hidden, Flat }, data: F(_w3)), Tensor("dense1/bias", new[] { Hidden }, data: F(_b3)) }, h,
                Options("FullyConnectedOptions", ("fused_activation_function", (int)ActivationFunctionType.RELU)));
            int logits = Tensor("logits", new[] { 1, Classes });
            Op(BuiltinOperator.FULLY_CONNECTED, new[] { h, Tensor("dense2/weights", new[] { Classes, Hidden }, data: F(_w4)), Tensor("dense2/bias", new[] { Classes }, data: F(_b4)) }, logits,
                Options("FullyConnectedOptions", ("fused_activation_function", (int)ActivationFunctionType.NONE)));
            int probabilities = Tensor("probabilities", new[] { 1, Classes });
            Op(BuiltinOperator.SOFTMAX, new[] { logits }, probabilities, Options("SoftmaxOptions", ("beta", 1f)));
            g.Inputs = new[] { input };
            g.Outputs = new[] { probabilities };
            return model;
        }
    }
}
