using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using McuAi.CodeGen;
using McuAi.CodeGen.NanoFramework;
using McuAi.TfLite;
using McuAi.Tests.CodeGen;
using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>
    /// The generated native side (lookup table, assembly data, marshalling) compiles with g++ against the test's
    /// own nanoCLR headers (the declarations the stubs use, as nf-interpreter spells them) and the model's C API
    /// header, for every runnable model; cross-compiles for a Cortex-M4; and, linked with a test runtime and a
    /// stand-in for the model's C API, marshals arguments and reports misuse as nanoCLR's HRESULTs.
    /// </summary>
    public class NanoNativeStubTests
    {
        private const string CxxFlags = "-std=c++11 -O1 -Wall -Wextra -Werror -pedantic";
        private const string ArmFlags = "-std=c++11 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -O2 -Wall -Wextra -Werror -pedantic -fno-exceptions -fno-rtti";

        public static IEnumerable<object[]> RunnableModels() => NanoKit.RunnableModels();

        [RequiresToolTheory("g++")]
        [MemberData(nameof(RunnableModels))]
        public void The_stubs_compile_against_nanoCLRs_interop_declarations_and_the_models_C_API(string name)
        {
            using var temp = new TempDir();
            var resolved = NanoKit.GenerateInto(temp.Sub("out"), name);
            string safe = NanoFrameworkOptions.SafeAssemblyName(resolved.AssemblyName!);
            Toolchain.Run("g++", $"{CxxFlags} -I \"{NanoKit.NanoClrHeaders}\" -I out -c out/{safe}.cpp out/{safe}_mshl.cpp", temp.Path);
        }

        [RequiresToolFact("arm-none-eabi-g++")]
        public void The_stubs_compile_for_a_Cortex_M4()
        {
            using var temp = new TempDir();
            var resolved = NanoKit.GenerateInto(temp.Sub("out"), "micro_speech_int8");
            string safe = NanoFrameworkOptions.SafeAssemblyName(resolved.AssemblyName!);
            Toolchain.Run("arm-none-eabi-g++", $"{ArmFlags} -I \"{NanoKit.NanoClrHeaders}\" -I out -c out/{safe}.cpp out/{safe}_mshl.cpp", temp.Path);
        }

        [RequiresToolTheory("g++")]
        [InlineData("hello_world_int8")]
        [InlineData("hello_world_float")]
        [InlineData("op_seanet_add16")]
        public void The_stubs_marshal_through_the_C_API_and_report_misuse(string name)
        {
            using var temp = new TempDir();
            var resolved = NanoKit.GenerateInto(temp.Sub("out"), name);
            var (model, _) = CodeGenKit.Load(name);
            string symbol = CIdentifier.Sanitize(name);
            string safe = NanoFrameworkOptions.SafeAssemblyName(resolved.AssemblyName!);
            string library = "Library_" + safe + "_" + (resolved.Namespace + "_" + resolved.ClassName).Replace('.', '_');
            var input = model.MainSubgraph.Tensors[model.MainSubgraph.Inputs[0]];
            var lookup = NanoKit.GeneratedLookup(Path.Combine(temp.Path, "out"), resolved);
            File.WriteAllText(Path.Combine(temp.Path, "fake_model.cpp"), FakeModel(symbol));
            File.WriteAllText(Path.Combine(temp.Path, "main.cpp"), Driver(symbol, safe, library, input.Type, lookup));

            Toolchain.Run("g++", $"{CxxFlags} -I \"{NanoKit.NanoClrHeaders}\" -I out out/{safe}.cpp out/{safe}_mshl.cpp fake_model.cpp main.cpp " +
                                 $"\"{Path.Combine(NanoKit.NanoClrHeaders, "test_runtime.cpp")}\" -o run", temp.Path);
            var results = Toolchain.Run(Path.Combine(temp.Path, "run"), "", temp.Path).Split('\n').Where(l => l.Length > 0)
                .Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);

            // nanoCLR HRESULTs: severity bit 31 and the facility (nf_errors_exceptions.h); the CLR maps each to the exception named.
            Assert.Equal("0xD6000000", results["before_init"]);   // CLR_E_INVALID_OPERATION: InvalidOperationException
            Assert.Equal("0", results["init"]);
            Assert.Equal("1234", results["arena_used"]);
            Assert.Equal("0x00000000", results["set_typed"]);
            Assert.Equal("1", results["set_typed_copied"]);
            Assert.Equal("0x00000000", results["set_raw"]);
            Assert.Equal("0xFD000000", results["set_short"]);          // CLR_E_INVALID_PARAMETER: ArgumentException
            Assert.Equal("0xFD000000", results["set_wrong_type"]);
            Assert.Equal("0xA5000000", results["set_index_high"]);     // CLR_E_OUT_OF_RANGE: ArgumentOutOfRangeException
            Assert.Equal("0xA5000000", results["set_index_negative"]);
            Assert.Equal("0xA1000000", results["set_null"]);           // CLR_E_NULL_REFERENCE: NullReferenceException
            Assert.Equal("0", results["invoke"]);
            Assert.Equal("0x00000000", results["get_raw"]);
            Assert.Equal("1", results["get_raw_copied"]);
            Assert.Equal("1", results["lookup"]);
            Assert.Equal(resolved.AssemblyName, results["assembly"]);
            Assert.Equal(NanoNativeChecksum.Hex(NanoKit.GeneratedChecksum(Path.Combine(temp.Path, "out"), resolved)), results["checksum"]);
            Assert.Equal("1.0.0.0", results["version"]);
        }

        /// <summary>A stand-in for the model's C API (TFLM is not available here): static tensors, and an "inference" that adds 1 to each input byte.</summary>
        private static string FakeModel(string s) => $$"""
            #include <string.h>
            #include "{{s}}_model.h"
            static bool g_ready = false;
            static unsigned char g_input[{{s}}_input0_bytes];
            static unsigned char g_output[{{s}}_output0_bytes];
            extern "C" int {{s}}_init(void) { g_ready = true; return 0; }
            extern "C" int {{s}}_invoke(void) {
              if (!g_ready) return 1;
              for (size_t i = 0; i < sizeof(g_output); i++) g_output[i] = (unsigned char)(g_input[i % sizeof(g_input)] + 1);
              return 0;
            }
            extern "C" void* {{s}}_input(int index) { return g_ready && index == 0 ? g_input : NULL; }
            extern "C" void* {{s}}_output(int index) { return g_ready && index == 0 ? g_output : NULL; }
            extern "C" size_t {{s}}_arena_used_bytes(void) { return g_ready ? 1234 : 0; }
            unsigned char* fake_input(void) { return g_input; }
            """;

        private static string Driver(string s, string safe, string library, TensorType inputType, IReadOnlyList<string?> lookup)
        {
            // The typed overload that fits input 0, and one that does not.
            var (element, suffix, wrongElement, wrongSuffix) = inputType switch
            {
                TensorType.INT8 => ("signed char", "SZARRAY_I1", "float", "SZARRAY_R4"),
                TensorType.INT16 => ("signed short", "SZARRAY_I2", "signed char", "SZARRAY_I1"),
                TensorType.FLOAT32 => ("float", "SZARRAY_R4", "signed short", "SZARRAY_I2"),
                _ => throw new ArgumentException("no typed overload for " + inputType),
            };
            var sb = new StringBuilder();
            sb.Append($$"""
                #include <stdio.h>
                #include <string.h>
                #include "test_runtime.h"
                #include "{{safe}}.h"
                #include "{{s}}_model.h"
                unsigned char* fake_input(void);
                typedef {{library}} L;
                static CLR_RT_StackFrame Frame(int index, void* data, unsigned int count, unsigned int size) {
                  CLR_RT_StackFrame f; memset(&f, 0, sizeof(f));
                  f.args[0].i4 = index; f.args[1].data = data; f.args[1].count = count; f.args[1].elementSize = size; return f;
                }
                static void Report(const char* what, HRESULT hr) { printf("%s 0x%08X\n", what, (unsigned int)hr); }
                int main() {
                  static {{element}} values[{{s}}_input0_elements];
                  static {{wrongElement}} wrong[{{s}}_input0_elements];
                  static unsigned char raw[{{s}}_input0_bytes];
                  static unsigned char out[{{s}}_output0_bytes];
                  for (unsigned int i = 0; i < {{s}}_input0_elements; i++) values[i] = ({{element}})(i % 7 + 1);
                  CLR_RT_StackFrame f = Frame(0, values, {{s}}_input0_elements, sizeof(values[0]));
                  Report("before_init", L::SetInput___STATIC__VOID__I4__{{suffix}}(f));
                  f = Frame(0, NULL, 0, 0); L::Init___STATIC__I4(f); printf("init %d\n", f.hasResult ? f.result : -99);
                  f = Frame(0, NULL, 0, 0); L::ArenaUsedBytes___STATIC__I4(f); printf("arena_used %d\n", f.result);
                  f = Frame(0, values, {{s}}_input0_elements, sizeof(values[0]));
                  Report("set_typed", L::SetInput___STATIC__VOID__I4__{{suffix}}(f));
                  printf("set_typed_copied %d\n", memcmp(fake_input(), values, sizeof(values)) == 0);
                  f = Frame(0, raw, {{s}}_input0_bytes, 1); Report("set_raw", L::SetInput___STATIC__VOID__I4__SZARRAY_U1(f));
                  f = Frame(0, values, {{s}}_input0_elements - 1, sizeof(values[0])); Report("set_short", L::SetInput___STATIC__VOID__I4__{{suffix}}(f));
                  f = Frame(0, wrong, {{s}}_input0_elements, sizeof(wrong[0])); Report("set_wrong_type", L::SetInput___STATIC__VOID__I4__{{wrongSuffix}}(f));
                  f = Frame({{s}}_input_count, raw, {{s}}_input0_bytes, 1); Report("set_index_high", L::SetInput___STATIC__VOID__I4__SZARRAY_U1(f));
                  f = Frame(-1, raw, {{s}}_input0_bytes, 1); Report("set_index_negative", L::SetInput___STATIC__VOID__I4__SZARRAY_U1(f));
                  f = Frame(0, NULL, 0, 1); Report("set_null", L::SetInput___STATIC__VOID__I4__SZARRAY_U1(f));
                  for (unsigned int i = 0; i < sizeof(raw); i++) raw[i] = (unsigned char)(3 * i + 5);
                  f = Frame(0, raw, sizeof(raw), 1); L::SetInput___STATIC__VOID__I4__SZARRAY_U1(f);
                  f = Frame(0, NULL, 0, 0); L::Invoke___STATIC__I4(f); printf("invoke %d\n", f.result);
                  f = Frame(0, out, sizeof(out), 1); Report("get_raw", L::GetOutput___STATIC__VOID__I4__SZARRAY_U1(f));
                  int copied = 1;
                  for (unsigned int i = 0; i < sizeof(out); i++) copied &= out[i] == (unsigned char)(raw[i % sizeof(raw)] + 1);
                  printf("get_raw_copied %d\n", copied);
                  const CLR_RT_NativeAssemblyData& data = g_CLR_AssemblyNative_{{safe}};
                  const CLR_RT_MethodHandler* table = (const CLR_RT_MethodHandler*)data.m_pNativeMethods;
                  int lookup = 1;

                """);
            for (int i = 0; i < lookup.Count; i++)
                sb.Append(lookup[i] is null ? $"  lookup &= table[{i}] == nullptr;\n" : $"  lookup &= table[{i}] == &L::{lookup[i]};\n");
            sb.Append("""
                  printf("lookup %d\n", lookup);
                  printf("assembly %s\n", data.m_szAssemblyName);
                  printf("checksum 0x%08X\n", data.m_checkSum);
                  printf("version %u.%u.%u.%u\n", data.m_Version.iMajorVersion, data.m_Version.iMinorVersion, data.m_Version.iBuildNumber, data.m_Version.iRevisionNumber);
                  return 0;
                }

                """);
            return sb.ToString();
        }
    }
}
