namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// The body of each native method: arguments taken with nanoCLR's Interop_Marshal_* functions (static methods
    /// number their arguments from 0), then the model's C API, with failures as HRESULTs the CLR turns into exceptions.
    /// </summary>
    internal static class NanoMarshalling
    {
        public static string Stub(string library, string symbol, NanoMethod method)
        {
            string head = $"HRESULT {library}::{method.NativeName}(CLR_RT_StackFrame &stack)\n{{\n    NANOCLR_HEADER();\n";
            switch (method.Name)
            {
                case "Init":
                case "Invoke":
                    return head + $"    SetResult_INT32(stack, {symbol}_{method.Name.ToLowerInvariant()}());\n    NANOCLR_NOCLEANUP_NOLABEL();\n}}\n";
                case "ArenaUsedBytes":
                    return head + $"    SetResult_INT32(stack, (signed int){symbol}_arena_used_bytes());\n    NANOCLR_NOCLEANUP_NOLABEL();\n}}\n";
            }
            var (typedArray, marshal, tfLiteType) = method.Parameters[1].Element switch
            {
                NanoElement.U1 => ("CLR_RT_TypedArray_UINT8", "Interop_Marshal_UINT8_ARRAY", "0 /* raw bytes: any type */"),
                NanoElement.I1 => ("CLR_RT_TypedArray_INT8", "Interop_Marshal_INT8_ARRAY", "k_type_int8"),
                NanoElement.I2 => ("CLR_RT_TypedArray_INT16", "Interop_Marshal_INT16_ARRAY", "k_type_int16"),
                _ => ("CLR_RT_TypedArray_float", "Interop_Marshal_float_ARRAY", "k_type_float32"),
            };
            string copy = method.Name == "SetInput" ? "CopyIn" : "CopyOut";
            return head +
                   "    {\n" +
                   "        signed int index;\n" +
                   $"        {typedArray} values;\n" +
                   "        NANOCLR_CHECK_HRESULT(Interop_Marshal_INT32(stack, 0, index));\n" +
                   $"        NANOCLR_CHECK_HRESULT({marshal}(stack, 1, values));\n" +
                   $"        NANOCLR_CHECK_HRESULT({copy}(index, values.GetBuffer(), values.GetSize() * sizeof(*values.GetBuffer()), {tfLiteType}));\n" +
                   "    }\n" +
                   "    NANOCLR_NOCLEANUP();\n}\n";
        }
    }
}
