using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using McuAi.Data;
using McuAi.Diagnostics;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// Turns input files into the interpreter's input bytes (all inputs, raw little-endian, concatenated):
    /// one raw file in that format (the golden <c>inK.bin</c>); one <c>.npy</c> per input; or one
    /// <c>.npz</c> whose arrays are matched to inputs by tensor name, else by order. A NumPy array must
    /// have the input's element count and type; float arrays for a quantized input are quantized
    /// with the input's scale and zero point, float64 arrays for a float32 input are narrowed.
    /// </summary>
    public static class InputFiles
    {
        public static byte[] Load(ModelInterpreter interpreter, IReadOnlyList<string> paths)
        {
            if (paths.Count == 0)
                throw new McuAiException(DiagnosticCodes.InputSizeMismatch, null, "no input file given; pass --input once per input (.npy), one .npz, or one raw .bin with all inputs");
            bool IsNpy(string p) => p.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
            bool IsNpz(string p) => p.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
            if (paths.Count == 1 && IsNpz(paths[0])) return FromNpz(interpreter, paths[0]);
            if (paths.All(IsNpy))
            {
                if (paths.Count != interpreter.InputCount)
                    throw new McuAiException(DiagnosticCodes.InputSizeMismatch, paths[0],
                        $"{paths.Count} .npy files for a model with {interpreter.InputCount} inputs; give one per input, in input order");
                return Concatenate(interpreter, paths.Select((p, i) => (NpyFile.Read(p), p)).ToList());
            }
            if (paths.Count == 1 && !IsNpy(paths[0])) return ReadRaw(paths[0]);
            throw new McuAiException(DiagnosticCodes.InputSizeMismatch, paths[0],
                "mixed input files: give one raw .bin with all inputs, one .npz, or one .npy per input");
        }

        private static byte[] ReadRaw(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.DataFileUnreadable, path, $"cannot read the input file: {e.Message}", e);
            }
        }

        private static byte[] FromNpz(ModelInterpreter interpreter, string path)
        {
            var archive = NpzFile.Read(path);
            var inputs = Enumerable.Range(0, interpreter.InputCount).Select(interpreter.Input).ToList();
            List<NpyArray> arrays;
            if (inputs.All(t => archive.TryGet(t.Name, out _)))
                arrays = inputs.Select(t => archive[t.Name]).ToList();
            else if (archive.Count == inputs.Count)
                arrays = archive.Entries.Select(e => e.Value).ToList();
            else
                throw new McuAiException(DiagnosticCodes.InputSizeMismatch, path,
                    $"the archive holds {archive.Count} arrays ({string.Join(", ", archive.Entries.Select(e => e.Key))}) for {inputs.Count} inputs " +
                    $"({string.Join(", ", inputs.Select(t => t.Name))}); name the arrays after the inputs or give one per input");
            return Concatenate(interpreter, arrays.Select(a => (a, path)).ToList());
        }

        private static byte[] Concatenate(ModelInterpreter interpreter, IReadOnlyList<(NpyArray Array, string File)> arrays)
        {
            var result = new byte[interpreter.InputBytes];
            int offset = 0;
            for (int i = 0; i < arrays.Count; i++)
            {
                var tensor = interpreter.Input(i);
                var bytes = Convert(arrays[i].Array, tensor, arrays[i].File);
                bytes.CopyTo(result, offset);
                offset += bytes.Length;
            }
            return result;
        }

        /// <summary>The array's values as the input tensor's raw bytes.</summary>
        public static byte[] Convert(NpyArray array, RuntimeTensor tensor, string file)
        {
            if (array.ElementCount != tensor.ElementCount)
                throw new McuAiException(DiagnosticCodes.InputSizeMismatch, file,
                    $"array {array} has {array.ElementCount} elements but input '{tensor.Name}' {tensor.Type}[{string.Join(",", tensor.Shape)}] takes {tensor.ElementCount}");
            if (array.ElementType == tensor.Type) return array.Data;
            if (array.IsFloat && tensor.Type == TensorType.FLOAT32)
                return ToBytes(array.ToFloat32());
            if (array.IsFloat && tensor.IsQuantized && tensor.Type is TensorType.INT8 or TensorType.UINT8 or TensorType.INT16)
                return Quantize(array.ToFloat32(), tensor);
            throw new McuAiException(DiagnosticCodes.DataTypeMismatch, file,
                $"array {array} does not fit input '{tensor.Name}' of type {tensor.Type}; save it as the input's type" +
                (tensor.IsQuantized ? " or as float32 real values (they are quantized with the input's scale and zero point)" : ""));
        }

        private static byte[] ToBytes(float[] values)
        {
            var bytes = new byte[values.Length * 4];
            System.Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            return bytes;
        }

        private static byte[] Quantize(float[] values, RuntimeTensor tensor)
        {
            var (min, max) = FusedActivation.TypeRange(tensor.Type);
            int size = tensor.Type.ElementSize();
            var bytes = new byte[values.Length * size];
            for (int i = 0; i < values.Length; i++)
            {
                double q = Math.Round(values[i] / (double)tensor.Scale, MidpointRounding.AwayFromZero) + tensor.ZeroPoint;
                int value = double.IsNaN(q) ? tensor.ZeroPoint : (int)Math.Max(min, Math.Min(max, q));
                if (size == 1) bytes[i] = (byte)value;
                else { bytes[2 * i] = (byte)value; bytes[2 * i + 1] = (byte)(value >> 8); }
            }
            return bytes;
        }
    }
}
