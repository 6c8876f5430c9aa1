using McuAi.TfLite;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>A bias as int64 values: int64 (16x8 kernels), int32 (int8 kernels and older 16x8 models) or int16.</summary>
    public static class Int64Bias
    {
        public static long[] Read(RuntimeTensor? bias, int channels, PrepareContext context)
        {
            var result = new long[channels];
            if (bias is null) return result;
            QuantizedMultipliers.RequireConstant(bias, context);
            if (bias.ElementCount != channels)
                throw context.Fail(Diagnostics.DiagnosticCodes.InvalidOperator, $"bias '{bias.Name}' has {bias.ElementCount} values for {channels} output channels");
            switch (bias.Type)
            {
                case TensorType.INT64: bias.As<long>().CopyTo(result); break;
                case TensorType.INT32: { var v = bias.As<int>(); for (int i = 0; i < channels; i++) result[i] = v[i]; break; }
                case TensorType.INT16: { var v = bias.As<short>(); for (int i = 0; i < channels; i++) result[i] = v[i]; break; }
                default: throw context.UnsupportedType(bias);
            }
            return result;
        }
    }
}
