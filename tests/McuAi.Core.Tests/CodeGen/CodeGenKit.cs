using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.Diagnostics;
using McuAi.TfLite;
using McuAi.Tests.Infrastructure;

namespace McuAi.Tests.CodeGen
{
    /// <summary>Shared steps of the code-generation tests: generate a model into a folder, and a C++ program that checks the result.</summary>
    public static class CodeGenKit
    {
        public static (Model Model, byte[] Bytes) Load(string name)
        {
            byte[] bytes = File.ReadAllBytes(SharedData.ModelPath(name));
            return (ModelReader.Read(bytes, SharedData.ModelPath(name)), bytes);
        }

        /// <summary>Generates the model's files into <paramref name="dir"/> and returns the diagnostics.</summary>
        public static List<Diagnostic> GenerateInto(string dir, Model model, byte[] bytes, GenerationOptions options, string fileName)
        {
            var diagnostics = new List<Diagnostic>();
            OutputWriter.WriteAll(dir, ModelCodeGenerator.Generate(model, bytes, options, fileName, diagnostics));
            return diagnostics;
        }

        public static bool HasQuantizeHelpers(Tensor t) =>
            t.IsQuantized && !t.Quantization!.IsPerChannel && t.Type is TensorType.INT8 or TensorType.UINT8 or TensorType.INT16;

        /// <summary>
        /// A C++ program that includes the generated data, settings and C API headers, compares the
        /// embedded array with the .tflite given as argv[1], and prints every constant (names as hex,
        /// so any byte survives) for the test to compare with the model's facts.
        /// </summary>
        public static string CheckProgram(Model model, string symbol, int alignment)
        {
            var sb = new StringBuilder();
            sb.Append("#include <cstdio>\n#include <cstdlib>\n#include <cstring>\n#include <cstdint>\n");
            sb.Append($"#include \"{symbol}_model_data.h\"\n#include \"{symbol}_model.h\"\n\n");
            sb.Append("static void hex(const char* s) { for (; *s; ++s) std::printf(\"%02x\", (unsigned)(unsigned char)*s); }\n");
            sb.Append("static void shape(const int* s, int n) { for (int i = 0; i < n; ++i) std::printf(i ? \",%d\" : \"%d\", s[i]); }\n\n");
            sb.Append("int main(int argc, char** argv) {\n");
            sb.Append("  if (argc < 2) return 2;\n");
            sb.Append("  FILE* f = std::fopen(argv[1], \"rb\");\n  if (!f) return 3;\n");
            sb.Append("  std::fseek(f, 0, SEEK_END);\n  long n = std::ftell(f);\n  std::fseek(f, 0, SEEK_SET);\n");
            sb.Append("  unsigned char* buf = (unsigned char*)std::malloc(n > 0 ? n : 1);\n");
            sb.Append("  if (std::fread(buf, 1, n, f) != (size_t)n) return 4;\n  std::fclose(f);\n");
            sb.Append($"  std::printf(\"size %ld %u\\n\", n, g_{symbol}_model_data_size);\n");
            sb.Append($"  std::printf(\"equal %d\\n\", (int)(n == (long)g_{symbol}_model_data_size && std::memcmp(buf, g_{symbol}_model_data, n) == 0));\n");
            sb.Append($"  std::printf(\"aligned %d\\n\", (int)(((uintptr_t)g_{symbol}_model_data) % {alignment} == 0));\n");
            sb.Append($"  std::printf(\"counts %d %d\\n\", (int){symbol}_input_count, (int){symbol}_output_count);\n");
            sb.Append($"  std::printf(\"arena %d\\n\", (int){symbol}_tensor_arena_size);\n");
            sb.Append($"  std::printf(\"macs %llu\\n\", (unsigned long long){symbol}_macs);\n");
            var g = model.MainSubgraph;
            foreach (var (role, indices) in new[] { ("input", g.Inputs), ("output", g.Outputs) })
            {
                for (int i = 0; i < indices.Length; i++)
                {
                    string id = symbol + "_" + role + i.ToString(CultureInfo.InvariantCulture);
                    sb.Append($"  std::printf(\"tensor {role} {i} type=%d rank=%d bytes=%d elements=%d zp=%d quantized=%d elem=%d scale=%.9g shape=\", " +
                              $"(int){id}_type, (int){id}_rank, (int){id}_bytes, (int){id}_elements, (int){id}_zero_point, (int){id}_quantized, (int)sizeof({id}_element), (double){id}_scale);\n");
                    sb.Append($"  shape({id}_shape, {id}_rank);\n  std::printf(\" name=\");\n  hex({id}_name);\n  std::printf(\"\\n\");\n");
                    var tensor = g.Tensors[indices[i]];
                    if (HasQuantizeHelpers(tensor))
                    {
                        var (min, max) = tensor.Type switch { TensorType.INT8 => (-128L, 127L), TensorType.UINT8 => (0L, 255L), _ => (-32768L, 32767L) };
                        long zeroPoint = tensor.Quantization!.ZeroPoint.Length > 0 ? tensor.Quantization.ZeroPoint[0] : 0;
                        // A value one step from the zero point survives dequantize + quantize.
                        long next = zeroPoint < max ? zeroPoint + 1 : zeroPoint - 1;
                        sb.Append($"  std::printf(\"quantize {role} {i} %d\\n\", (int)({id}_quantize({id}_dequantize(({id}_element){id}_zero_point)) == ({id}_element){id}_zero_point\n" +
                                  $"      && {id}_dequantize(({id}_element){id}_zero_point) == 0.0f\n" +
                                  $"      && {id}_quantize(1e30f) == {max} && {id}_quantize(-1e30f) == {min}\n" +
                                  $"      && {id}_quantize({id}_dequantize(({id}_element){next})) == {next}));\n");
                    }
                }
            }
            sb.Append("  std::free(buf);\n  return 0;\n}\n");
            return sb.ToString();
        }

        /// <summary>The lines of a check program's output, keyed by their first one or three words.</summary>
        public static Dictionary<string, string> ParseCheckOutput(string stdout)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in stdout.Split('\n').Where(l => l.Length > 0))
            {
                var words = line.Split(' ');
                if (words[0] is "tensor" or "quantize") result[string.Join(" ", words.Take(3))] = string.Join(" ", words.Skip(3));
                else result[words[0]] = string.Join(" ", words.Skip(1));
            }
            return result;
        }

        public static string Hex(string? text) => string.Concat(Encoding.UTF8.GetBytes(text ?? "").Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

        /// <summary>TFLM's TfLiteType number of a schema type name (the test's own table, from c_api_types.h).</summary>
        public static int TfLiteTypeNumber(string typeName) => typeName switch
        {
            "FLOAT32" => 1, "INT32" => 2, "UINT8" => 3, "INT64" => 4, "STRING" => 5, "BOOL" => 6, "INT16" => 7,
            "COMPLEX64" => 8, "INT8" => 9, "FLOAT16" => 10, "FLOAT64" => 11, "UINT64" => 13, "UINT32" => 16, "UINT16" => 17,
            _ => throw new ArgumentException(typeName),
        };
    }
}
