using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Memory
{
    /// <summary>
    /// What each TFLM kernel allocates, read from tensorflow/lite/micro/kernels/*.cc (reference) and
    /// kernels/cmsis_nn/*.cc: the op-data struct its Init allocates (sizes of the structs in conv.h,
    /// fully_connected.h, softmax.h, pooling.h, add.h, ... for the pointer size), the per-channel
    /// multiplier/shift arrays its Prepare allocates, its scratch-buffer requests, and the tensors
    /// its Prepare reads as temporary TfLiteTensors. Builtin option sizes come from
    /// tensorflow/lite/micro/builtin_op_data.h.
    /// </summary>
    public static class TflmKernels
    {
        /// <summary>Op data of kernels not modelled from source: a conservative size.</summary>
        private const int UnknownOpDataBytes = 64;

        public static KernelFootprint Describe(Model model, SubGraph graph, Operator op, TflmStructLayout layout, KernelSet kernels, string? fileName)
        {
            var code = model.CodeOf(op);
            var f = new KernelFootprint();
            int pointerSize = layout.PointerSize;
            int e = layout.EnumSize;
            bool p8 = pointerSize == 8;
            bool cmsis = kernels == KernelSet.CmsisNn;
            int In(int k) => k < op.Inputs.Length ? op.Inputs[k] : -1;
            int Out(int k) => k < op.Outputs.Length ? op.Outputs[k] : -1;
            Tensor? T(int index) => index >= 0 && index < graph.Tensors.Count ? graph.Tensors[index] : null;
            // A tensor the kernel cannot do without: TFLM's Prepare would fail, so say which one is missing.
            Tensor Need(int index, string role) => T(index) ?? throw new McuAiException(DiagnosticCodes.InvalidOperator, fileName,
                $"operator {graph.Operators.IndexOf(op)} ({code.ShownName}) has no {role} tensor, so TFLM cannot prepare it; re-export the model");
            void Temps(params int[] indices) { foreach (int i in indices) if (i >= 0) f.TempTensors.Add(i); }
            void AllTemps() { Temps(op.Inputs); Temps(op.Outputs); }
            void OpData(int bytes, string what) => f.InitPersistent.Add(new KernelBuffer(bytes, what));
            // The parsed options struct (builtin_op_data.h), members in order: i = int/float, e = enum, b = bool.
            void Builtin(string members)
            {
                var c = new CStruct();
                foreach (char m in members) c.Field(m == 'i' ? 4 : m == 'e' ? e : 1, m == 'i' ? 4 : m == 'e' ? e : 1);
                f.BuiltinDataSize = c.Size;
                f.BuiltinDataAlignment = c.Alignment;
            }
            void PerChannel(int channels)
            {
                f.PreparePersistent.Add(new KernelBuffer(4L * channels, $"per-channel output multipliers ({channels})"));
                f.PreparePersistent.Add(new KernelBuffer(4L * channels, $"per-channel output shifts ({channels})"));
            }
            TensorType? TypeOf(int index) => T(index)?.Type;
            bool IsInt8Or16(int index) => TypeOf(index) is TensorType.INT8 or TensorType.INT16;

            switch (code.Op)
            {
                case BuiltinOperator.CONV_2D:
                {
                    Builtin("eiieiie"); // TfLiteConvParams
                    OpData(cmsis ? (p8 ? 72 : 60) : (p8 ? 72 : 56), cmsis ? "cmsis_nn conv OpData" : "OpDataConv");
                    var filter = Need(In(1), "filter");
                    int channels = Dim(filter, 0);
                    if (!cmsis || IsInt8Or16(In(0))) PerChannel(channels);
                    // ConvPrepare reads output, input, filter; CalculateOpDataConv reads input, filter, bias, output again.
                    if (cmsis) Temps(In(0), In(1), Out(0)); else Temps(Out(0), In(0), In(1));
                    Temps(In(0), In(1), In(2), Out(0));
                    // The reference kernel unpacks an INT4 filter into a scratch buffer of one byte per value;
                    // CMSIS-NN runs INT4 natively (arm_convolve_wrapper_s4) with the s8 im2col buffer below.
                    if (filter.Type == TensorType.INT4 && !cmsis) UnpackedInt4Filter(f, filter);
                    if (cmsis && IsInt8Or16(In(0)))
                    {
                        var o = op.Options;
                        int sh = o?.GetInt32("stride_h") ?? 1, sw = o?.GetInt32("stride_w") ?? 1;
                        int dh = o?.GetInt32("dilation_h_factor") ?? 1, dw = o?.GetInt32("dilation_w_factor") ?? 1;
                        var input = Need(In(0), "input");
                        int fh = Dim(filter, 1), fw = Dim(filter, 2);
                        bool same = o?.Padding == Padding.SAME;
                        int ph = same ? SamePadding(Dim(input, 1), fh, sh, dh) : 0;
                        int pw = same ? SamePadding(Dim(input, 2), fw, sw, dw) : 0;
                        long size = input.Type == TensorType.INT8
                            ? CmsisNnBufferSizes.ConvolveS8(Dim(input, 3), fh, fw, sh, sw, ph, pw, dh, dw)
                            : CmsisNnBufferSizes.ConvolveS16(Dim(input, 3), fh, fw);
                        if (size > 0) f.Scratch.Add(new KernelBuffer(size, "CMSIS-NN convolution im2col buffer"));
                    }
                    break;
                }
                case BuiltinOperator.DEPTHWISE_CONV_2D:
                {
                    Builtin("eiiieii"); // TfLiteDepthwiseConvParams
                    OpData(cmsis ? (p8 ? 72 : 60) : (p8 ? 72 : 56), cmsis ? "cmsis_nn depthwise OpData" : "OpDataConv");
                    var filter = Need(In(1), "filter");
                    int channels = Dim(filter, 3);
                    if (!cmsis || IsInt8Or16(In(0))) PerChannel(channels);
                    Temps(In(0), In(1), In(2), Out(0));
                    Temps(In(0), In(1), In(2), Out(0));
                    if (filter.Type == TensorType.INT4 && !cmsis) UnpackedInt4Filter(f, filter);
                    if (cmsis && IsInt8Or16(In(0)))
                    {
                        var o = op.Options;
                        var input = Need(In(0), "input");
                        var output = Need(Out(0), "output");
                        int sh = o?.GetInt32("stride_h") ?? 1, sw = o?.GetInt32("stride_w") ?? 1;
                        int dh = o?.GetInt32("dilation_h_factor") ?? 1, dw = o?.GetInt32("dilation_w_factor") ?? 1;
                        int fh = Dim(filter, 1), fw = Dim(filter, 2);
                        bool same = o?.Padding == Padding.SAME;
                        long size = filter.Type == TensorType.INT4
                            ? CmsisNnBufferSizes.DepthwiseS4(Dim(input, 3), Dim(output, 3), Dim(input, 0), fh, fw, dh, dw)
                            : CmsisNnBufferSizes.DepthwiseS8(Dim(input, 3), Dim(output, 3), Dim(input, 0), fh, fw,
                                same ? SamePadding(Dim(input, 1), fh, sh, dh) : 0, same ? SamePadding(Dim(input, 2), fw, sw, dw) : 0, dh, dw);
                        if (size > 0) f.Scratch.Add(new KernelBuffer(size, "CMSIS-NN depthwise im2col buffer"));
                    }
                    break;
                }
                case BuiltinOperator.FULLY_CONNECTED:
                {
                    Builtin("eebbe"); // TfLiteFullyConnectedParams
                    // cmsis_nn OpData: OpDataFullyConnected + per-channel multiplier/shift and kernel-sum pointers
                    // + buffer index and the cached batch/accumulation/output depths.
                    OpData(cmsis ? (p8 ? 104 : 76) : (p8 ? 64 : 48), cmsis ? "cmsis_nn fully-connected OpData" : "OpDataFullyConnected");
                    var filter = Need(In(1), "weights");
                    if (filter.Quantization is { Scale.Length: > 1 } q && TypeOf(In(0)) != TensorType.FLOAT32)
                        PerChannel(q.Scale.Length);
                    Temps(In(0), In(1), In(2), Out(0));
                    if (filter.Type == TensorType.INT4 && !cmsis) UnpackedInt4Filter(f, filter);
                    // CMSIS-NN runs INT4 weights natively (arm_fully_connected_s4) without buffers.
                    if (cmsis && TypeOf(In(0)) == TensorType.INT8 && filter.Type != TensorType.INT4)
                    {
                        var output = Need(Out(0), "output");
                        int accumDepth = filter.Shape.Length > 0 ? filter.Shape[filter.Shape.Length - 1] : 0;
                        if (output.Shape.Length > 2 && accumDepth % 4 == 0)
                            PerChannel(output.Shape[output.Shape.Length - 1]);
                    }
                    break;
                }
                case BuiltinOperator.SOFTMAX:
                    Builtin("i"); // TfLiteSoftmaxParams
                    OpData(SoftmaxParamsSize(pointerSize) + (cmsis ? 8 : 0), cmsis ? "CMSISNNSoftmaxParams" : "SoftmaxParams");
                    if (TypeOf(In(0)) == TensorType.INT16)
                    {
                        // kInt16LUTArraySize (513) int16 entries for exp() and 1/(1+x).
                        f.PreparePersistent.Add(new KernelBuffer(513 * 2, "int16 exp lookup table"));
                        f.PreparePersistent.Add(new KernelBuffer(513 * 2, "int16 1/(1+x) lookup table"));
                    }
                    AllTemps();
                    break;
                case BuiltinOperator.AVERAGE_POOL_2D:
                case BuiltinOperator.MAX_POOL_2D:
                    Builtin("eiiiieiiii"); // TfLitePoolParams (with computed padding)
                    OpData(cmsis ? 36 : 32, "OpDataPooling");
                    AllTemps();
                    if (cmsis && code.Op == BuiltinOperator.AVERAGE_POOL_2D && IsInt8Or16(In(0)))
                        f.Scratch.Add(new KernelBuffer(CmsisNnBufferSizes.AveragePool(Dim(Need(In(0), "input"), 3)), "CMSIS-NN average-pool accumulators"));
                    break;
                case BuiltinOperator.RESHAPE:
                    Builtin("iiiiiiiii"); // TfLiteReshapeParams: 8 dims + count
                    AllTemps();
                    break;
                case BuiltinOperator.ADD:
                case BuiltinOperator.SUB:
                    Builtin("eb"); // TfLiteAddParams / TfLiteSubParams
                    // OpDataAdd: a bool and 14 int32/float fields (with float activation bounds);
                    // OpDataSub: the same without the two float bounds.
                    OpData(code.Op == BuiltinOperator.ADD ? 60 : 52, code.Op == BuiltinOperator.ADD ? "OpDataAdd" : "OpDataSub");
                    AllTemps();
                    break;
                case BuiltinOperator.MUL:
                    Builtin("e");
                    OpData(36, "OpDataMul");
                    AllTemps();
                    break;
                case BuiltinOperator.DIV:
                    Builtin("e");
                    OpData(28, "OpDataDiv");
                    AllTemps();
                    break;
                case BuiltinOperator.QUANTIZE:
                case BuiltinOperator.DEQUANTIZE:
                    OpData(32, code.Op == BuiltinOperator.QUANTIZE ? "OpDataQuantizeReference" : "DequantizeOpData");
                    AllTemps();
                    break;
                case BuiltinOperator.SVDF:
                {
                    Builtin("ieb"); // TfLiteSVDFParams
                    OpData(36, "OpDataSvdf"); // nine int32 fields
                    AllTemps();
                    var input = Need(In(0), "input");
                    var weightsFeature = Need(In(1), "feature weights");
                    int batch = Dim(input, 0);
                    int filters = Dim(weightsFeature, 0);
                    int rank = op.Options?.GetInt32("rank") ?? 1;
                    int units = rank > 0 ? filters / rank : filters;
                    f.Scratch.Add(new KernelBuffer(4L * batch * filters, "SVDF feature-matmul scratch"));
                    if (input.Type != TensorType.FLOAT32)
                        f.Scratch.Add(new KernelBuffer(4L * batch * units, "SVDF output scratch"));
                    break;
                }
                case BuiltinOperator.STRIDED_SLICE:
                    Builtin("iiiiib");
                    OpData(84, "StridedSliceParams");
                    AllTemps();
                    break;
                case BuiltinOperator.CONCATENATION:
                {
                    Builtin("ie");
                    // ConcatenationParams: int8 axis, zero-point and scale pointers, uint16 count, int32, float.
                    OpData(new CStruct().Field(1, 1).Fields(2, pointerSize, pointerSize).Field(2, 2).Fields(2, 4, 4).Size, "ConcatenationParams");
                    // Prepare reads input 0 and the output, then every input, then the output again;
                    // int8 keeps every input's scale and zero point and reads the inputs once more.
                    var inputs = op.Inputs.Where(i => i >= 0).ToArray();
                    Temps(In(0), Out(0));
                    Temps(inputs);
                    Temps(Out(0));
                    if (TypeOf(Out(0)) == TensorType.INT8)
                    {
                        f.PreparePersistent.Add(new KernelBuffer(4L * op.Inputs.Length, "input scales"));
                        f.PreparePersistent.Add(new KernelBuffer(4L * op.Inputs.Length, "input zero points"));
                        Temps(inputs);
                    }
                    break;
                }
                case BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM:
                    LstmKernels.Describe(graph, op, layout, kernels, f);
                    break;
                case BuiltinOperator.CAST:
                    Builtin("ee"); // TfLiteCastParams
                    AllTemps();
                    break;
                case BuiltinOperator.MINIMUM:
                case BuiltinOperator.MAXIMUM:
                    break; // no options, no op data, no Prepare
                case BuiltinOperator.LEAKY_RELU:
                    Builtin("i");
                    OpData(24, "LeakyReluOpData");
                    AllTemps();
                    break;
                case BuiltinOperator.PAD:
                case BuiltinOperator.PADV2:
                    OpData(56, "PadParams");
                    AllTemps();
                    break;
                case BuiltinOperator.TRANSPOSE_CONV:
                {
                    Builtin("eiiee");
                    // OpData: ConvParams (56 bytes), scratch and bias-conversion buffer indices, two per-channel pointers.
                    OpData(new CStruct().Field(56, 4).Fields(2, 4, 4).Fields(2, pointerSize, pointerSize).Size, "transpose-conv OpData");
                    var filter = Need(In(1), "filter");
                    var output = Need(Out(0), "output");
                    var input = Need(In(2), "input (operand 2)");
                    if (IsInt8Or16(In(2))) PerChannel(Dim(filter, 0));
                    AllTemps();
                    if (input.Type == TensorType.INT8)
                        f.Scratch.Add(new KernelBuffer(4 * output.ElementCount, "int32 accumulators"));
                    else if (input.Type == TensorType.INT16)
                        f.Scratch.Add(new KernelBuffer(8 * output.ElementCount, "int64 accumulators"));
                    break;
                }
                default:
                    if (code.IsCustom)
                        SignalKernels.Describe(model, graph, op, code.CustomCode ?? "", pointerSize, f);
                    else
                    {
                        OpData(UnknownOpDataBytes, "op data");
                        AllTemps();
                        f.Approximation = $"{code.ShownName}: op data size not modelled from TFLM's source; {UnknownOpDataBytes} bytes assumed";
                    }
                    break;
            }
            return f;
        }

        /// <summary>TFLM's reference CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED request a scratch buffer of one byte
        /// per filter value for an INT4 filter (RequestScratchBufferInArena with the filter's flat size) and unpack it
        /// there on every Eval.</summary>
        private static void UnpackedInt4Filter(KernelFootprint f, Tensor filter) =>
            f.Scratch.Add(new KernelBuffer(filter.ElementCount, "unpacked INT4 filter"));

        /// <summary>SoftmaxParams (kernels/internal/types.h): double beta, seven int32/float fields,
        /// five table pointers.</summary>
        private static int SoftmaxParamsSize(int pointerSize) =>
            new CStruct().Field(8, 8).Fields(7, 4, 4).Fields(5, pointerSize, pointerSize).Size;

        internal static int Dim(Tensor t, int axis) => axis < t.Shape.Length ? t.Shape[axis] : 1;

        /// <summary>TFLM's ComputePaddingHeightWidth for SAME padding: half the total padding, rounded down.</summary>
        private static int SamePadding(int input, int filter, int stride, int dilation)
        {
            int effectiveFilter = (filter - 1) * dilation + 1;
            int output = (input + stride - 1) / stride;
            int total = Math.Max((output - 1) * stride + effectiveFilter - input, 0);
            return total / 2;
        }
    }
}
