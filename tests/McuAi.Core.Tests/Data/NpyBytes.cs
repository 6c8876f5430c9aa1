using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace McuAi.Tests.Data
{
    /// <summary>
    /// Builds .npy images by hand, following the NumPy format specification (magic, version, header
    /// length, Python-dict header padded to 64 bytes, raw data), so that the reader is tested against
    /// the format rather than against our own writer.
    /// </summary>
    internal static class NpyBytes
    {
        public static byte[] Build(string header, byte[] data, int major = 1)
        {
            int lengthSize = major == 1 ? 2 : 4;
            int prefix = 8 + lengthSize;
            int padding = (64 - (prefix + header.Length + 1) % 64) % 64;
            string padded = header + new string(' ', padding) + "\n";
            byte[] headerBytes = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetBytes(padded);
            var result = new List<byte> { 0x93 };
            result.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
            result.Add((byte)major);
            result.Add(0);
            if (major == 1) result.AddRange(BitConverter.GetBytes((ushort)headerBytes.Length));
            else result.AddRange(BitConverter.GetBytes((uint)headerBytes.Length));
            result.AddRange(headerBytes);
            result.AddRange(data);
            return result.ToArray();
        }

        public static byte[] Floats(params float[] values)
        {
            var bytes = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            return bytes;
        }

        public static byte[] Float32(float[] values, string shape, int major = 1) =>
            Build("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", Floats(values), major);

        public static string TempFile(string name, byte[] bytes)
        {
            string dir = Path.Combine(Path.GetTempPath(), "mcuai-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            string path = Path.Combine(dir, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }
    }
}
