using System;
using System.IO;

namespace McuAi.Build.Tests.Infrastructure
{
    /// <summary>The target machine an ELF image was built for (e_machine, bytes 18-19), to tell a Cortex-M image from a host one.</summary>
    public static class ElfMachine
    {
        public const int X86_64 = 0x3E;
        public const int Arm = 0x28;

        public static int Of(string path)
        {
            byte[] header = new byte[20];
            using (var file = File.OpenRead(path))
                if (file.Read(header, 0, header.Length) != header.Length || header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
                    throw new InvalidOperationException($"{path} is not an ELF file");
            // e_ident[EI_DATA] == 1: little-endian.
            return header[5] == 1 ? header[18] | header[19] << 8 : header[18] << 8 | header[19];
        }
    }
}
