using System.Collections.Generic;
using System.Text;

namespace McuAi.CodeGen.NanoFramework
{
    /// <summary>
    /// The native methods checksum of a nanoFramework interop assembly, computed as the MetadataProcessor
    /// (nanoframework/metadata-processor 3.x, the tool of nanoFramework.CoreLibrary 1.x) computes it. nanoCLR
    /// refuses to bind an assembly whose header checksum differs from its <c>CLR_RT_NativeAssemblyData</c>'s.
    /// <para>
    /// The algorithm (docs/nanoframework.md has the long form): a CRC-32 with the polynomial 0x04C11DB7 fed
    /// most-significant bit first, no reflection, no final XOR, starting from 0. The classes are walked in the
    /// processor's type order and each class's methods in its method-table order. A native method feeds the
    /// ASCII of the assembly name, the class's native name and the method's native name; any other method feeds
    /// "NULL". The processor reads the running value through a property that returns 0 until the first native
    /// method has been counted, so everything before the first native method's own name (the markers of
    /// earlier managed methods, and that method's assembly and class names) is dropped. An assembly without
    /// native methods has checksum 0.
    /// </para>
    /// </summary>
    public static class NanoNativeChecksum
    {
        private const uint Polynomial = 0x04C11DB7;
        private static readonly byte[] s_managedMarker = Encoding.ASCII.GetBytes("NULL");
        private static readonly uint[] s_table = BuildTable();

        /// <summary>
        /// The checksum of an assembly named <paramref name="assemblyName"/> whose classes (those the processor
        /// generates stubs for: classes and value types, not interfaces, enums or delegates) are
        /// <paramref name="classes"/>, in the processor's type order (ordinal by full name when no class uses another).
        /// </summary>
        public static uint Compute(string assemblyName, IEnumerable<NanoClass> classes)
        {
            byte[] assembly = Encoding.ASCII.GetBytes(assemblyName);
            uint crc = 0;
            int natives = 0;
            foreach (var type in classes)
            {
                byte[] className = Encoding.ASCII.GetBytes(type.NativeName);
                foreach (var method in type.MethodTableOrder)
                {
                    if (method.IsNative)
                    {
                        crc = Update(natives > 0 ? crc : 0, assembly);
                        crc = Update(natives > 0 ? crc : 0, className);
                        crc = Update(natives > 0 ? crc : 0, Encoding.ASCII.GetBytes(method.NativeName));
                        natives++;
                    }
                    else
                    {
                        crc = Update(natives > 0 ? crc : 0, s_managedMarker);
                    }
                }
            }
            return natives > 0 ? crc : 0;
        }

        /// <summary>Feeds <paramref name="bytes"/> into the running CRC (MSB first, polynomial 0x04C11DB7, no reflection, no final XOR).</summary>
        public static uint Update(uint crc, byte[] bytes)
        {
            foreach (byte b in bytes)
                crc = (crc << 8) ^ s_table[(byte)((crc >> 24) ^ b)];
            return crc;
        }

        /// <summary>"0x" and eight upper-case hex digits, as the processor writes it into the stubs.</summary>
        public static string Hex(uint checksum) => "0x" + checksum.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint value = i << 24;
                for (int bit = 0; bit < 8; bit++)
                    value = (value & 0x80000000) != 0 ? (value << 1) ^ Polynomial : value << 1;
                table[i] = value;
            }
            return table;
        }
    }
}
