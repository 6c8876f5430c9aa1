using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.Compiler.Packing;
using McuAi.Interpreter;
using McuAi.Interpreter.Kernels;
using McuAi.TfLite;
using McuAi.Tests.Interpreter;

namespace McuAi.Tests.RuntimeC
{
    /// <summary>
    /// Random CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED layers (shapes, strides, padding, dilation, zero
    /// points, scales, biases, activations; some with extreme multipliers and shifts) as kernel cases: the
    /// expected output is what the C# interpreter (bit-exact with TFLM) computes for a one-operator model, and
    /// the kernel's constants come from the build-time packing (<see cref="Int8WeightPacking"/>,
    /// <see cref="Int8RescalePacking"/>) of the same values.
    /// </summary>
    public static class Int8KernelCases
    {
        /// <summary>The quantization of one random layer: scales chosen for a target multiplier exponent.</summary>
        private sealed class Quant
        {
            public float InputScale;
            public int InputZp;
            public float[] FilterScales = Array.Empty<float>();
            public float OutputScale;
            public int OutputZp;
            public int Activation;
        }

        private static Quant RandomQuant(Random rng, int channels)
        {
            var q = new Quant
            {
                InputScale = (float)(0.005 + rng.NextDouble() * 0.1),
                InputZp = rng.Next(-128, 128),
                OutputZp = rng.Next(-128, 128),
                Activation = rng.Next(4) switch { 0 => 1, 1 => 3, _ => 0 }, // RELU, RELU6, NONE
            };
            // Multiplier exponent: mostly trained-layer values (2^-4 .. 2^-14), some extreme ones.
            int exponent = rng.Next(10) switch
            {
                0 => rng.Next(-1, 4),      // >= 0.5: the exact output stage
                1 => rng.Next(-31, -24),   // tiny multipliers
                _ => rng.Next(-14, -3),
            };
            double baseFilter = 0.002 + rng.NextDouble() * 0.02;
            q.FilterScales = Enumerable.Range(0, channels).Select(_ => (float)(baseFilter * Math.Pow(2, rng.NextDouble() * 4 - 2))).ToArray();
            q.OutputScale = (float)(q.InputScale * baseFilter / Math.Pow(2, exponent + rng.NextDouble()));
            // Dead channels, as trained models have: a filter scale so small that the multiplier is zero or tiny.
            if (channels > 1 && rng.Next(3) == 0)
                for (int k = rng.Next(1, 3); k > 0; k--) q.FilterScales[rng.Next(channels)] = (float)(baseFilter * (rng.Next(2) == 0 ? 1e-12 : 1e-7));
            if (q.Activation == 3) q.OutputZp = rng.Next(-128, -100); // a RELU6 range that fits the output type
            return q;
        }

        private static sbyte[] RandomInt8(Random rng, int count, int min = -128, int max = 127) =>
            Enumerable.Range(0, count).Select(_ => (sbyte)rng.Next(min, max + 1)).ToArray();

        private static int[] RandomBias(Random rng, int count)
        {
            int magnitude = rng.Next(8) == 0 ? 1 << 30 : 1 << rng.Next(4, 20);
            return Enumerable.Range(0, count).Select(_ => rng.Next(-magnitude, magnitude)).ToArray();
        }

        /// <summary>TFLite's CalculateActivationRangeQuantized for int8 outputs.</summary>
        private static (int Min, int Max) ActivationRange(Quant q)
        {
            int Quantize(float real) => q.OutputZp + (int)FixedPoint.RoundAwayFromZero(real / q.OutputScale);
            return q.Activation switch
            {
                1 => (Math.Max(-128, Quantize(0f)), 127),
                3 => (Math.Max(-128, Quantize(0f)), Math.Min(127, Quantize(6f))),
                _ => (-128, 127),
            };
        }

        /// <summary>The output stage of the layer; the packing may zero the weights of channels that are constant.</summary>
        /// <param name="leftShifts">The kernel reads MCUAI_RESCALE_LEFT (mcuai_depthwise_s8), as the lowering tells the packing.</param>
        private static Int8Rescale Rescale(Quant q, (int[] M, int[] S) multipliers, ref PackedInt8Weights packed, bool leftShifts = false)
        {
            var (min, max) = ActivationRange(q);
            (var rescale, packed) = Int8RescalePacking.Pack(packed, multipliers.M, multipliers.S, q.OutputZp, min, max, leftShifts);
            return rescale;
        }

        /// <summary>TFLite's per-channel multipliers: input_scale · filter_scale[c] / output_scale in double.</summary>
        private static (int[] M, int[] S) PerChannel(Quant q)
        {
            var m = new int[q.FilterScales.Length];
            var s = new int[q.FilterScales.Length];
            for (int c = 0; c < m.Length; c++)
                (m[c], s[c]) = FixedPoint.QuantizeMultiplier((double)q.InputScale * q.FilterScales[c] / q.OutputScale);
            return (m, s);
        }

        private static string RescaleInit(string prefix, Int8Rescale r) =>
            $"{{ {prefix}_mult, {prefix}_shift, {r.OutputZeroPoint}, {r.ActivationMin}, {r.ActivationMax}, {r.Mode} }}";

        private static string RescaleArrays(string prefix, Int8Rescale r) =>
            CArrays.Int32(prefix + "_mult", r.Multipliers) + CArrays.Int8(prefix + "_shift", r.Shifts);

        private static sbyte[] RunInterpreter(ModelInterpreter interpreter, sbyte[] input) =>
            TinyRun.Run<sbyte, sbyte>(interpreter, input);

        /// <summary>The geometry of a CONV_2D layer (for the layer shapes of the real models).</summary>
        public sealed record ConvShape(int InH, int InW, int InC, int OutC, int KernelH, int KernelW, int Stride, Padding Padding);

        /// <summary>A CONV_2D layer run by mcuai_conv_s8: random, or of the given shape (random values).</summary>
        public static KernelCase Conv(Random rng, string name, ConvShape? shape = null)
        {
            int batches = shape is null && rng.Next(5) == 0 ? 2 : 1;
            int inC = shape?.InC ?? new[] { 1, 2, 3, 4, 5, 7, 8, 12, 16, 20 }[rng.Next(10)];
            int outC = shape?.OutC ?? rng.Next(1, 21);
            int kh = shape?.KernelH ?? new[] { 1, 1, 2, 3, 3, 5 }[rng.Next(6)];
            int kw = shape?.KernelW ?? (rng.Next(3) == 0 ? new[] { 1, 2, 3, 4 }[rng.Next(4)] : kh);
            int sh = shape?.Stride ?? rng.Next(1, 4), sw = shape?.Stride ?? (rng.Next(3) == 0 ? rng.Next(1, 4) : sh);
            int dh = shape is null && rng.Next(6) == 0 ? 2 : 1, dw = dh;
            var padding = shape?.Padding ?? (rng.Next(2) == 0 ? Padding.SAME : Padding.VALID);
            int ih = shape?.InH ?? rng.Next(1, 10) + (kh - 1) * dh, iw = shape?.InW ?? rng.Next(1, 10) + (kw - 1) * dw;
            int oh = ConvGeometry.OutSize(padding, ih, kh, sh, dh), ow = ConvGeometry.OutSize(padding, iw, kw, sw, dw);
            var q = RandomQuant(rng, outC);
            var filter = RandomInt8(rng, outC * kh * kw * inC, -127, 127);
            var bias = RandomBias(rng, outC);
            var input = RandomInt8(rng, batches * ih * iw * inC);

            var m = new TinyModel();
            int tIn = m.Activation(TensorType.INT8, new[] { batches, ih, iw, inC }, q.InputScale, q.InputZp);
            int tFilter = m.Constant(TensorType.INT8, new[] { outC, kh, kw, inC }, filter, q.FilterScales);
            int tBias = m.Constant(TensorType.INT32, new[] { outC }, bias);
            int tOut = m.Activation(TensorType.INT8, new[] { batches, oh, ow, outC }, q.OutputScale, q.OutputZp, input: false);
            var interpreter = m.Build(BuiltinOperator.CONV_2D, new[] { tIn, tFilter, tBias }, tOut, "Conv2DOptions", new Dictionary<string, object>
            {
                ["padding"] = (int)padding, ["stride_w"] = sw, ["stride_h"] = sh, ["dilation_w_factor"] = dw, ["dilation_h_factor"] = dh,
                ["fused_activation_function"] = q.Activation,
            });
            var expected = RunInterpreter(interpreter, input);

            var packed = Int8WeightPacking.Rows(filter, outC, bias, q.InputZp);
            var rescale = Rescale(q, PerChannel(q), ref packed);
            string p = name;
            var d = new StringBuilder();
            d.Append(CArrays.Int8(p + "_in", input)).Append(CArrays.Int8(p + "_w", packed.Weights)).Append(CArrays.Int32(p + "_bias", packed.Bias));
            d.Append(RescaleArrays(p, rescale));
            d.Append($"static const mcuai_conv_s8_params {p}_p = {{ {batches}, {ih}, {iw}, {inC}, {oh}, {ow}, {outC}, {kh}, {kw}, {sh}, {sw}, {dh}, {dw}, " +
                     $"{ConvGeometry.Pad(sh, dh, ih, kh, oh)}, {ConvGeometry.Pad(sw, dw, iw, kw, ow)}, {packed.RowLength}, {q.InputZp}, {p}_w, {p}_bias, {RescaleInit(p, rescale)} }};\n");
            string desc = $"{name}: conv b{batches} {ih}x{iw}x{inC} -> {oh}x{ow}x{outC} k{kh}x{kw} s{sh}x{sw} d{dh} {padding} act{q.Activation} {(rescale.IsFast ? "fast" : "exact")}";
            return new KernelCase(desc, d.ToString(), $"mcuai_conv_s8(&{p}_p, {p}_in, out, scratch);", expected,
                McuAi.Compiler.Lowerings.Int8ConvCall.ScratchBytes(packed.RowLength, inC, outC, kw, oh * ow, kh == 1 && kw == 1 && padding == Padding.VALID), rescale.IsFast);
        }

        /// <summary>
        /// A random DEPTHWISE_CONV_2D layer run by mcuai_depthwise_s8, or, with one input channel and
        /// <paramref name="asConv"/>, by mcuai_conv_s8 on the filter packed as conv rows (as the lowering does).
        /// <paramref name="mobileNet"/> draws the layers of MobileNet-style models (3x3, SAME, stride 1 or 2,
        /// channels a multiple of 4), which the DSP path's assembly runs.
        /// </summary>
        public static KernelCase Depthwise(Random rng, string name, bool asConv = false, bool mobileNet = false)
        {
            int batches = rng.Next(6) == 0 ? 2 : 1;
            int mult = asConv ? new[] { 1, 4, 8 }[rng.Next(3)] : (!mobileNet && rng.Next(4) == 0 ? rng.Next(2, 4) : 1);
            int inC = asConv ? 1 : mobileNet ? new[] { 4, 8, 16, 32, 64 }[rng.Next(5)] : (mult == 1 ? new[] { 4, 8, 12, 16, 32, 3, 5, 6 }[rng.Next(8)] : rng.Next(1, 6));
            int outC = inC * mult;
            int kh = mobileNet ? 3 : new[] { 3, 3, 3, 1, 2, 5 }[rng.Next(6)], kw = !mobileNet && rng.Next(4) == 0 ? new[] { 1, 3, 5 }[rng.Next(3)] : kh;
            int sh = rng.Next(1, 3), sw = sh;
            int dh = !mobileNet && rng.Next(6) == 0 ? 2 : 1, dw = dh;
            var padding = !mobileNet && rng.Next(3) == 0 ? Padding.VALID : Padding.SAME;
            int ih = rng.Next(1, 9) + (kh - 1) * dh, iw = rng.Next(1, 9) + (kw - 1) * dw;
            int oh = ConvGeometry.OutSize(padding, ih, kh, sh, dh), ow = ConvGeometry.OutSize(padding, iw, kw, sw, dw);
            var q = RandomQuant(rng, outC);
            var filter = RandomInt8(rng, kh * kw * outC, -127, 127);
            var bias = RandomBias(rng, outC);
            var input = RandomInt8(rng, batches * ih * iw * inC);

            var m = new TinyModel();
            int tIn = m.Activation(TensorType.INT8, new[] { batches, ih, iw, inC }, q.InputScale, q.InputZp);
            int tFilter = m.Constant(TensorType.INT8, new[] { 1, kh, kw, outC }, filter, q.FilterScales, quantizedDimension: 3);
            int tBias = m.Constant(TensorType.INT32, new[] { outC }, bias);
            int tOut = m.Activation(TensorType.INT8, new[] { batches, oh, ow, outC }, q.OutputScale, q.OutputZp, input: false);
            var interpreter = m.Build(BuiltinOperator.DEPTHWISE_CONV_2D, new[] { tIn, tFilter, tBias }, tOut, "DepthwiseConv2DOptions", new Dictionary<string, object>
            {
                ["padding"] = (int)padding, ["stride_w"] = sw, ["stride_h"] = sh, ["depth_multiplier"] = mult,
                ["dilation_w_factor"] = dw, ["dilation_h_factor"] = dh, ["fused_activation_function"] = q.Activation,
            });
            var expected = RunInterpreter(interpreter, input);
            int padTop = ConvGeometry.Pad(sh, dh, ih, kh, oh), padLeft = ConvGeometry.Pad(sw, dw, iw, kw, ow);
            string p = name;
            var d = new StringBuilder();
            d.Append(CArrays.Int8(p + "_in", input));
            string desc = $"{name}: depthwise{(asConv ? " as conv" : "")} b{batches} {ih}x{iw}x{inC} m{mult} -> {oh}x{ow}x{outC} k{kh}x{kw} s{sh} d{dh} {padding} act{q.Activation}";
            if (asConv)
            {
                var packed = Int8WeightPacking.DepthwiseAsRows(filter, outC, bias, q.InputZp);
                var rescale = Rescale(q, PerChannel(q), ref packed);
                d.Append(CArrays.Int8(p + "_w", packed.Weights)).Append(CArrays.Int32(p + "_bias", packed.Bias)).Append(RescaleArrays(p, rescale));
                d.Append($"static const mcuai_conv_s8_params {p}_p = {{ {batches}, {ih}, {iw}, 1, {oh}, {ow}, {outC}, {kh}, {kw}, {sh}, {sw}, {dh}, {dw}, " +
                         $"{padTop}, {padLeft}, {packed.RowLength}, {q.InputZp}, {p}_w, {p}_bias, {RescaleInit(p, rescale)} }};\n");
                return new KernelCase(desc + (rescale.IsFast ? " fast" : " exact"), d.ToString(), $"mcuai_conv_s8(&{p}_p, {p}_in, out, scratch);", expected,
                    McuAi.Compiler.Lowerings.Int8ConvCall.ScratchBytes(packed.RowLength, 1, outC, kw, oh * ow, kh == 1 && kw == 1 && padTop == 0 && padLeft == 0), rescale.IsFast);
            }
            else
            {
                var packed = Int8WeightPacking.Depthwise(filter, outC, bias, q.InputZp);
                var rescale = Rescale(q, PerChannel(q), ref packed, leftShifts: true);
                d.Append(CArrays.Int8(p + "_w", packed.Weights)).Append(CArrays.Int32(p + "_bias", packed.Bias)).Append(RescaleArrays(p, rescale));
                d.Append($"static const mcuai_depthwise_s8_params {p}_p = {{ {batches}, {ih}, {iw}, {inC}, {oh}, {ow}, {outC}, {mult}, {kh}, {kw}, {sh}, {sw}, {dh}, {dw}, " +
                         $"{padTop}, {padLeft}, {q.InputZp}, {p}_w, {p}_bias, {RescaleInit(p, rescale)} }};\n");
                int taps = kh * kw;
                string form = (rescale.Mode & Int8Rescale.Left) != 0 ? " fast left" : rescale.IsFast ? " fast" : " exact";
                return new KernelCase(desc + form, d.ToString(), $"mcuai_depthwise_s8(&{p}_p, {p}_in, out, scratch);", expected,
                    McuAi.Compiler.Lowerings.DepthwiseConv2DLowering.ScratchBytes(taps, outC, dspPath: true), rescale.IsFast);
            }
        }

        /// <summary>A random FULLY_CONNECTED layer (per-tensor weights, as converters emit) run by mcuai_conv_s8 as a 1x1 convolution.</summary>
        public static KernelCase FullyConnected(Random rng, string name)
        {
            int batches = rng.Next(1, 4), depth = rng.Next(1, 80), outputs = rng.Next(1, 20);
            var q = RandomQuant(rng, 1);
            var weights = RandomInt8(rng, outputs * depth, -127, 127);
            var bias = RandomBias(rng, outputs);
            var input = RandomInt8(rng, batches * depth);
            var m = new TinyModel();
            int tIn = m.Activation(TensorType.INT8, new[] { batches, depth }, q.InputScale, q.InputZp);
            int tW = m.Constant(TensorType.INT8, new[] { outputs, depth }, weights, q.FilterScales);
            int tBias = m.Constant(TensorType.INT32, new[] { outputs }, bias);
            int tOut = m.Activation(TensorType.INT8, new[] { batches, outputs }, q.OutputScale, q.OutputZp, input: false);
            var interpreter = m.Build(BuiltinOperator.FULLY_CONNECTED, new[] { tIn, tW, tBias }, tOut, "FullyConnectedOptions",
                new Dictionary<string, object> { ["fused_activation_function"] = q.Activation });
            var expected = RunInterpreter(interpreter, input);

            // TFLite's per-tensor multiplier: the scale product rounded to float, then divided in double.
            float product = q.InputScale * q.FilterScales[0];
            var (mult, shift) = FixedPoint.QuantizeMultiplier(product / (double)q.OutputScale);
            var packed = Int8WeightPacking.Rows(weights, outputs, bias, q.InputZp);
            var (min, max) = ActivationRange(q);
            (var rescale, packed) = Int8RescalePacking.Pack(packed, Enumerable.Repeat(mult, outputs).ToArray(), Enumerable.Repeat(shift, outputs).ToArray(), q.OutputZp, min, max);
            string p = name;
            var d = new StringBuilder();
            d.Append(CArrays.Int8(p + "_in", input)).Append(CArrays.Int8(p + "_w", packed.Weights)).Append(CArrays.Int32(p + "_bias", packed.Bias)).Append(RescaleArrays(p, rescale));
            d.Append($"static const mcuai_conv_s8_params {p}_p = {{ 1, {batches}, 1, {depth}, {batches}, 1, {outputs}, 1, 1, 1, 1, 1, 1, 0, 0, {packed.RowLength}, {q.InputZp}, {p}_w, {p}_bias, {RescaleInit(p, rescale)} }};\n");
            return new KernelCase($"{name}: fully connected b{batches} {depth} -> {outputs} act{q.Activation} {(rescale.IsFast ? "fast" : "exact")}", d.ToString(),
                $"mcuai_conv_s8(&{p}_p, {p}_in, out, scratch);", expected, McuAi.Compiler.Lowerings.Int8ConvCall.ScratchBytes(packed.RowLength, depth, outputs, 1, batches, inPlace: true), rescale.IsFast);
        }
    }
}
