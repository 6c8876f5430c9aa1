using System.Collections.Generic;
using System.Linq;
using System.Text;
using McuAi.CodeGen.NanoFramework;
using Xunit;
using static McuAi.CodeGen.NanoFramework.NanoElement;

namespace McuAi.Tests.NanoFramework
{
    /// <summary>
    /// The native checksum against values worked out by hand from the algorithm (docs/nanoframework.md), with a
    /// separate bit-by-bit CRC, and against checksums nanoFramework itself published.
    /// </summary>
    public class NanoNativeChecksumTests
    {
        private static NanoMethod Native(string name, NanoElement returns, params NanoType[] parameters) => new(name, NanoType.Of(returns), parameters, isNative: true);
        private static NanoMethod Managed(string name, NanoElement returns, params NanoType[] parameters) => new(name, NanoType.Of(returns), parameters, isNative: false);
        private static NanoType T(NanoElement e) => NanoType.Of(e);
        private static NanoType A(NanoElement e) => NanoType.ArrayOf(e);

        /// <summary>static class Contoso.Sensors.Filter { float Scale(float); extern void Apply(int, byte[]); extern void Apply(int, float[]); float Clamp(float); extern int Reset(); }</summary>
        private static readonly NanoClass s_filter = new("Contoso.Sensors", "Filter", new[]
        {
            Managed("Scale", R4, T(R4)),
            Native("Apply", Void, T(I4), A(U1)),
            Native("Apply", Void, T(I4), A(R4)),
            Managed("Clamp", R4, T(R4)),
            Native("Reset", I4),
        });

        /// <summary>class Contoso.Sensors.Probe { extern int Read(); Probe(); a virtual managed method; static extern int Count(); } (declaration order; return types of managed methods do not matter).</summary>
        private static readonly NanoClass s_probe = new("Contoso.Sensors", "Probe", new[]
        {
            new NanoMethod("Read", T(I4), new NanoType[0], isNative: true, isStatic: false),
            new NanoMethod(".ctor", T(Void), new NanoType[0], isNative: false, isStatic: false),
            new NanoMethod("ToString", new NanoType(NanoElement.Void), new NanoType[0], isNative: false, isStatic: false, isVirtual: true),
            Native("Count", I4),
        });

        [Fact]
        public void The_CRC_is_CRC32_MPEG2_without_its_initial_value()
        {
            // CRC-32/MPEG-2 (poly 0x04C11DB7, MSB first, no reflection, no final XOR) is catalogued with init 0xFFFFFFFF
            // and check value 0x0376E6E7 for "123456789"; the processor runs the same register from 0.
            Assert.Equal(0x0376E6E7u, NanoNativeChecksum.Update(0xFFFFFFFF, Encoding.ASCII.GetBytes("123456789")));
            Assert.Equal(0x509A0E8Eu, NanoNativeChecksum.Update(0, Encoding.ASCII.GetBytes("Apply___STATIC__VOID__I4__SZARRAY_U1")));
        }

        [Fact]
        public void Overloads_get_their_signatures_in_the_native_names()
        {
            Assert.Equal("Contoso_Sensors_Filter", s_filter.NativeName);
            Assert.Equal(new[] { "Scale___STATIC__R4__R4", "Apply___STATIC__VOID__I4__SZARRAY_U1", "Apply___STATIC__VOID__I4__SZARRAY_R4", "Clamp___STATIC__R4__R4", "Reset___STATIC__I4" },
                s_filter.MethodTableOrder.Select(m => m.NativeName));
        }

        [Fact]
        public void A_static_class_with_overloads()
        {
            // By hand: Scale is managed and before the first native, so its "NULL" is dropped; the first native feeds only
            // its own name: crc("Apply___STATIC__VOID__I4__SZARRAY_U1") = 0x509A0E8E; then
            // "Contoso.Sensors" "Contoso_Sensors_Filter" "Apply___STATIC__VOID__I4__SZARRAY_R4", "NULL" (Clamp),
            // "Contoso.Sensors" "Contoso_Sensors_Filter" "Reset___STATIC__I4" → 0x8C20C1D2.
            Assert.Equal(0x8C20C1D2u, NanoNativeChecksum.Compute("Contoso.Sensors", new[] { s_filter }));
        }

        [Fact]
        public void An_instance_class_is_walked_virtual_instance_static()
        {
            // Table order: ToString (virtual, managed: dropped), Read (first native: "Read___I4" alone), .ctor ("NULL"),
            // Count ("Contoso.Sensors" "Contoso_Sensors_Probe" "Count___STATIC__I4") → 0xA1C65D5A.
            Assert.Equal(new[] { "ToString", "Read", ".ctor", "Count" }, s_probe.MethodTableOrder.Select(m => m.Name));
            Assert.Equal("Read___I4", s_probe.MethodTableOrder.ElementAt(1).NativeName);
            Assert.Equal(0xA1C65D5Au, NanoNativeChecksum.Compute("Contoso.Sensors", new[] { s_probe }));
            // Both classes in one assembly, in type order (Filter before Probe): the walk goes on across them → 0x3D275320.
            Assert.Equal(0x3D275320u, NanoNativeChecksum.Compute("Contoso.Sensors", new[] { s_filter, s_probe }));
        }

        [Fact]
        public void A_class_without_native_methods_has_checksum_zero()
        {
            var managedOnly = new NanoClass("Contoso", "Helpers", new[] { Managed("Scale", R4, T(R4)), Managed("Clamp", R4, T(R4)) });
            Assert.Equal(0u, NanoNativeChecksum.Compute("Contoso", new[] { managedOnly }));
            Assert.Equal(0u, NanoNativeChecksum.Compute("Contoso", new NanoClass[0]));
        }

        [Fact]
        public void The_MetadataProcessors_own_unit_test_values()
        {
            // metadata-processor's NativeMethodsCrcTests feed TestNFApp.OneClassOverAll's DummyMethod (managed) and
            // DummyExternMethod (instance extern) as: managed, extern, extern, managed, expecting 0, 519713657,
            // 1574868855, 2748897355. Two classes of the same name give that sequence.
            var dummy = new NanoMethod("DummyMethod", T(Void), new NanoType[0], isNative: false, isStatic: false);
            var dummyExtern = new NanoMethod("DummyExternMethod", T(Void), new NanoType[0], isNative: true, isStatic: false);
            Assert.Equal(519713657u, NanoNativeChecksum.Compute("TestNFApp", new[] { new NanoClass("TestNFApp", "OneClassOverAll", new[] { dummy, dummyExtern }) }));
            Assert.Equal(2748897355u, NanoNativeChecksum.Compute("TestNFApp", new[]
            {
                new NanoClass("TestNFApp", "OneClassOverAll", new[] { dummy, dummyExtern }),
                new NanoClass("TestNFApp", "OneClassOverAll", new[] { dummyExtern, dummy }),
            }));
        }

        [Fact]
        public void The_checksum_of_System_Math_in_nf_interpreter()
        {
            // nf-interpreter's src/CLR/System.Math/nf_native_system_math.cpp registers "System.Math" with checksum
            // 0x9F9E2A7E over this method table (managed entries are nullptr there; their names do not matter).
            var table = new List<NanoMethod> { Managed("Clamp", R8) };
            void Add(string name, NanoElement returns, params NanoElement[] parameters) => table.Add(Native(name, returns, parameters.Select(T).ToArray()));
            Add("Abs", R8, R8); Add("Abs", R4, R4); Add("Acos", R8, R8); Add("Asin", R8, R8); Add("Atan", R8, R8); Add("Atan2", R8, R8, R8);
            Add("Cbrt", R8, R8); Add("Ceiling", R8, R8);
            for (int i = 0; i < 4; i++) table.Add(Managed("Managed" + i, R8));
            Add("Cos", R8, R8); Add("Cosh", R8, R8); Add("Exp", R8, R8); Add("Floor", R8, R8); Add("IEEERemainder", R8, R8, R8);
            Add("Log", R8, R8); Add("Log10", R8, R8);
            table.Add(Managed("Managed4", R8));
            Add("Max", R8, R8, R8); Add("Max", R4, R4, R4);
            table.Add(Managed("Managed5", R8));
            Add("Min", R8, R8, R8); Add("Min", R4, R4, R4); Add("Pow", R8, R8, R8); Add("Round", R8, R8); Add("Sign", I4, R8);
            table.Add(Managed("Managed6", R8));
            Add("Sin", R8, R8); Add("Sinh", R8, R8); Add("Sqrt", R8, R8); Add("Tan", R8, R8); Add("Tanh", R8, R8); Add("Truncate", R8, R8);

            Assert.Equal(36, table.Count);
            Assert.Equal(0x9F9E2A7Eu, NanoNativeChecksum.Compute("System.Math", new[] { new NanoClass("System", "Math", table) }));
        }
    }
}
