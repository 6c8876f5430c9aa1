using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using McuAi.CodeGen.Views;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// The members of a model's C# interop class, each with its text: constants, then the managed methods
    /// (shapes, quantize/dequantize), then the native ones. The managed methods come first on purpose: the
    /// checksum drops whatever precedes the first native method, so the "NULL"/"nullptr" marker the
    /// MetadataProcessor writes for a managed method (it changed between versions 3 and 4) never reaches it.
    /// </summary>
    internal sealed class NanoClassMembers
    {
        private const string Indent = "        ";
        private readonly List<string> _constants = new();
        private readonly List<(NanoMethod Method, string Text)> _methods = new();

        public IReadOnlyList<string> Constants => _constants;
        /// <summary>The methods in declaration order (all static: the class is static, so this is also the table order).</summary>
        public IReadOnlyList<(NanoMethod Method, string Text)> Methods => _methods;

        public static NanoClassMembers For(ModelView view)
        {
            var members = new NanoClassMembers();
            members.AddModelConstants(view);
            foreach (var t in view.Inputs) members.AddTensorConstants(t, "Input");
            foreach (var t in view.Outputs) members.AddTensorConstants(t, "Output");
            foreach (var t in view.Inputs) members.AddTensorMethods(t, "Input", "input");
            foreach (var t in view.Outputs) members.AddTensorMethods(t, "Output", "output");
            if (view.Inputs.Concat(view.Outputs).Any(t => t.HasQuantizeHelpers)) members.AddQuantizeHelper();
            members.AddNatives(view.Symbol);
            return members;
        }

        private void AddModelConstants(ModelView view)
        {
            Const("Number of input tensors.", "int", "InputCount", N(view.InputCount));
            Const("Number of output tensors.", "int", "OutputCount", N(view.OutputCount));
            Const("Operators in the model.", "int", "OperatorCount", N(view.OperatorCount));
            Const("Bytes of the model array the firmware holds in flash.", "int", "ModelDataBytes", N(view.DataLength));
            Const("Bytes of the tensor arena the firmware reserves: " + CSharpText.Doc(view.ArenaReason) + ".", "int", "TensorArenaSize", N(view.ArenaSize));
            Const("Multiply-accumulates of one inference.", "long", "Macs", N(view.Macs) + "L");
        }

        private void AddTensorConstants(TensorView t, string role)
        {
            string p = role + N(t.Index);
            string what = $"{role} {N(t.Index)} ('{CSharpText.Doc(t.NameComment)}', {t.TypeName})";
            Const(what + ": the tensor name.", "string", p + "Name", CSharpText.StringLiteral(t.NameValue));
            Const(what + ": TFLM's TfLiteType number of " + t.TypeName + ".", "int", p + "Type", N(t.TfLiteType));
            Const(what + ": number of dimensions.", "int", p + "Rank", N(t.Rank));
            Const(what + ": number of elements.", "int", p + "Elements", N(t.Elements));
            Const(what + ": size in bytes.", "int", p + "Bytes", N(t.Bytes));
            Const(what + ": true when it has a scale and zero point.", "bool", p + "Quantized", t.IsQuantized ? "true" : "false");
            Const(what + ": the (first) scale; 0 when not quantized. real = scale * (q - zero point).", "float", p + "Scale", CSharpText.FloatLiteral(t.ScaleValue));
            bool fitsInt = t.ZeroPoint >= int.MinValue && t.ZeroPoint <= int.MaxValue;
            Const(what + ": the (first) zero point.", fitsInt ? "int" : "long", p + "ZeroPoint", N(t.ZeroPoint) + (fitsInt ? "" : "L"));
        }

        private void AddTensorMethods(TensorView t, string role, string lower)
        {
            string p = role + N(t.Index);
            string dims = t.Rank == 0 ? "new int[0]" : "new int[] { " + t.Shape + " }";
            Method(new NanoMethod(p + "Shape", NanoType.ArrayOf(NanoElement.I4), new NanoType[0], isNative: false),
                Doc($"The shape of {lower} {N(t.Index)} (a new array on each call; empty for a scalar).") +
                $"{Indent}public static int[] {p}Shape()\n{Indent}{{\n{Indent}    return {dims};\n{Indent}}}\n");
            if (!t.HasQuantizeHelpers) return;
            var element = t.QuantizedMin < 0 ? (t.QuantizedMin == sbyte.MinValue ? NanoElement.I1 : NanoElement.I2) : NanoElement.U1;
            string cs = NanoType.Of(element).CSharp;
            Method(new NanoMethod(p + "Quantize", NanoType.Of(element), new[] { NanoType.Of(NanoElement.R4) }, isNative: false),
                Doc($"{role} {N(t.Index)} from a real value: value / scale rounded half away from zero, plus the zero point, saturated to [{N(t.QuantizedMin)}, {N(t.QuantizedMax)}] (as TFLite; NaN gives the zero point).") +
                $"{Indent}public static {cs} {p}Quantize(float value)\n{Indent}{{\n" +
                $"{Indent}    return ({cs})Quantize(value, {p}Scale, {p}ZeroPoint, {N(t.QuantizedMin)}f, {N(t.QuantizedMax)}f);\n{Indent}}}\n");
            Method(new NanoMethod(p + "Dequantize", NanoType.Of(NanoElement.R4), new[] { NanoType.Of(element) }, isNative: false),
                Doc($"The real value of a quantized {lower} {N(t.Index)} element: scale * (value - zero point).") +
                $"{Indent}public static float {p}Dequantize({cs} value)\n{Indent}{{\n" +
                $"{Indent}    return ((float)value - (float){p}ZeroPoint) * {p}Scale;\n{Indent}}}\n");
        }

        private void AddQuantizeHelper()
        {
            var r4 = NanoType.Of(NanoElement.R4);
            Method(new NanoMethod("Quantize", r4, new[] { r4, r4, NanoType.Of(NanoElement.I4), r4, r4 }, isNative: false),
                $"{Indent}// round(value / scale) + zero point, saturated: C's roundf written out, because System.Math is not in nanoFramework's mscorlib.\n" +
                $"{Indent}private static float Quantize(float value, float scale, int zeroPoint, float min, float max)\n{Indent}{{\n" +
                $"{Indent}    float q = value / scale;\n" +
                $"{Indent}    if (float.IsNaN(q)) return zeroPoint;\n" +
                $"{Indent}    if (q > -8388608f && q < 8388608f)\n{Indent}    {{\n" +
                $"{Indent}        // Below 2^23 a float has a fraction, and q - (int)q is exact.\n" +
                $"{Indent}        int whole = (int)q;\n" +
                $"{Indent}        float fraction = q - whole;\n" +
                $"{Indent}        q = fraction >= 0.5f ? whole + 1 : fraction <= -0.5f ? whole - 1 : whole;\n{Indent}    }}\n" +
                $"{Indent}    q += zeroPoint;\n" +
                $"{Indent}    return q < min ? min : q > max ? max : q;\n{Indent}}}\n");
        }

        private void AddNatives(string symbol)
        {
            var i4 = NanoType.Of(NanoElement.I4);
            Native(new NanoMethod("Init", i4, new NanoType[0], isNative: true),
                $"Creates the model's interpreter in its static arena ({symbol}_init). Returns 0 on success, 1 when the model's schema is not the runtime's, " +
                "2 when an op cannot be registered, 3 when the arena is too small or the model is invalid. Calling it again after a success does nothing.");
            Native(new NanoMethod("Invoke", i4, new NanoType[0], isNative: true),
                $"Runs one inference ({symbol}_invoke). Returns 0 on success, 1 before a successful Init, 2 when a kernel fails.");
            Native(new NanoMethod("ArenaUsedBytes", i4, new NanoType[0], isNative: true),
                "Arena bytes the interpreter uses after Init (0 before): tune TensorArenaSize with it.");
            foreach (var (direction, verb) in new[] { ("SetInput", "Copies values into input"), ("GetOutput", "Copies output") })
                foreach (var element in new[] { NanoElement.U1, NanoElement.I1, NanoElement.I2, NanoElement.R4 })
                {
                    string what = element == NanoElement.U1
                        ? "the raw bytes (any tensor type, little-endian; values.Length must be its Bytes)"
                        : $"{NanoType.Of(element).CSharp} values (a tensor of type {ElementTypeName(element)}; values.Length must be its Elements)";
                    string summary = direction == "SetInput"
                        ? $"{verb} tensor <paramref name=\"index\"/> from {what}."
                        : $"{verb} tensor <paramref name=\"index\"/> into {what}.";
                    Native(new NanoMethod(direction, NanoType.Void, new[] { i4, NanoType.ArrayOf(element) }, isNative: true),
                        summary + " Throws ArgumentOutOfRangeException for a bad index, ArgumentException for a wrong type or length, " +
                        "NullReferenceException for a null array, InvalidOperationException before a successful Init.");
                }
        }

        private static string ElementTypeName(NanoElement element) => element switch
        {
            NanoElement.I1 => "INT8",
            NanoElement.I2 => "INT16",
            _ => "FLOAT32",
        };

        private void Native(NanoMethod method, string summary)
        {
            var parameters = method.Parameters.Select((t, i) => t.CSharp + (i == 0 ? " index" : " values"));
            var docs = new StringBuilder($"{Indent}/// <summary>{summary}</summary>\n");
            if (method.Parameters.Count > 0)
                docs.Append($"{Indent}/// <param name=\"index\">The tensor's index.</param>\n{Indent}/// <param name=\"values\">The values, as many as the tensor holds.</param>\n");
            if (method.ReturnType.Element != NanoElement.Void)
                docs.Append($"{Indent}/// <returns>The C API's result.</returns>\n");
            Method(method, docs +
                $"{Indent}[MethodImpl(MethodImplOptions.InternalCall)]\n" +
                $"{Indent}public static extern {method.ReturnType.CSharp} {method.Name}({string.Join(", ", parameters)});\n");
        }

        private void Const(string summary, string type, string name, string value) =>
            _constants.Add(Doc(summary) + $"{Indent}public const {type} {name} = {value};\n");

        private void Method(NanoMethod method, string text) => _methods.Add((method, text));

        private static string Doc(string summary) => $"{Indent}/// <summary>{summary}</summary>\n";

        private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
