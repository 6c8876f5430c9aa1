using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using McuAi.Diagnostics;
using McuAi.IO;

namespace McuAi.Data
{
    /// <summary>
    /// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0). Reading checks every
    /// length against the file; any problem is an <see cref="McuAiException"/> naming the file
    /// (MCUAI3001 unreadable, MCUAI3002 malformed, MCUAI3003 a feature we do not read).
    /// </summary>
    public static class NpyFile
    {
        private static readonly byte[] s_magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

        /// <summary>Reads the <c>.npy</c> file at <paramref name="path"/>.</summary>
        public static NpyArray Read(string path) => Read(ReadAllBytes(path), path);

        /// <summary>Reads a <c>.npy</c> image from memory; <paramref name="fileName"/> is used in diagnostics.</summary>
        public static NpyArray Read(ReadOnlyMemory<byte> bytes, string fileName)
        {
            var span = bytes.Span;
            if (span.Length < 10 || !span.Slice(0, 6).SequenceEqual(s_magic))
                throw Malformed(fileName, "it does not start with the NumPy magic \"\\x93NUMPY\"; is this a .npy file?");
            byte major = span[6];
            int headerLength, headerStart;
            switch (major)
            {
                case 1:
                    headerLength = BinaryPrimitives.ReadUInt16LittleEndian(span.Slice(8));
                    headerStart = 10;
                    break;
                case 2:
                case 3:
                    if (span.Length < 12) throw Malformed(fileName, "the file ends inside the header length");
                    uint length32 = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(8));
                    if (length32 > int.MaxValue) throw Malformed(fileName, $"the header length {length32} is larger than the file");
                    headerLength = (int)length32;
                    headerStart = 12;
                    break;
                default:
                    throw new McuAiException(DiagnosticCodes.UnsupportedNpyFeature, fileName,
                        $"NumPy format version {major}.{span[7]} is not supported (1.0, 2.0 and 3.0 are). Save the array with numpy.save.");
            }
            if (headerLength > span.Length - headerStart)
                throw Malformed(fileName, $"the header claims {headerLength} bytes but only {span.Length - headerStart} follow");

            // Version 3 allows UTF-8 in the header (field names of structured dtypes); 1 and 2 are Latin-1.
            var headerBytes = span.Slice(headerStart, headerLength).ToArray();
            string header = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Latin1(headerBytes);
            var (descr, shape) = ParseHeader(header, fileName);

            long count = 1;
            foreach (int d in shape) count *= d; // at most int.MaxValue: checked by ParseHeader
            var dtype = NpyDType.Parse(descr)!;
            int dataStart = headerStart + headerLength;
            long needed = count * dtype.ItemSize;
            long available = span.Length - dataStart;
            if (needed != available)
                throw Malformed(fileName, $"shape ({string.Join(", ", shape)}) of {descr} needs {needed} bytes of data but the file has {available} after the header (a truncated or padded file)");
            return new NpyArray(descr, shape, span.Slice(dataStart).ToArray());
        }

        /// <summary>The <c>.npy</c> (version 1.0) image of an array.</summary>
        public static byte[] Write(NpyArray array)
        {
            string dict = "{'descr': '" + array.DType + "', 'fortran_order': False, 'shape': (" +
                          string.Join(", ", array.Shape) + (array.Shape.Length == 1 ? ",)" : ")") + ", }";
            // NumPy pads the header with spaces and ends it with '\n' so that the data starts 64-byte aligned.
            int unpadded = 10 + dict.Length + 1;
            int padding = (64 - unpadded % 64) % 64;
            string header = dict + new string(' ', padding) + "\n";
            if (header.Length > ushort.MaxValue) throw new ArgumentException("the array has too many dimensions for a version 1.0 header", nameof(array));
            var result = new byte[10 + header.Length + array.Data.Length];
            s_magic.CopyTo(result, 0);
            result[6] = 1;
            result[7] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(result.AsSpan(8), (ushort)header.Length);
            for (int i = 0; i < header.Length; i++) result[10 + i] = (byte)header[i];
            array.Data.CopyTo(result, 10 + header.Length);
            return result;
        }

        /// <summary>Writes an array to <paramref name="path"/> (temp file, then rename).</summary>
        public static void WriteFile(NpyArray array, string path) => AtomicFile.WriteCreatingFolder(path, Write(array), DiagnosticCodes.DataFileUnwritable);

        internal static byte[] ReadAllBytes(string path)
        {
            try
            {
                return File.ReadAllBytes(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new McuAiException(DiagnosticCodes.DataFileUnreadable, path,
                    $"cannot read the data file: {e.Message.TrimEnd('.')}. Check that the path is right and the file is readable.", e);
            }
        }

        private static (string Descr, int[] Shape) ParseHeader(string header, string fileName)
        {
            Dictionary<string, object> dict;
            try
            {
                dict = NpyHeaderParser.Parse(header);
            }
            catch (FormatException e)
            {
                throw Malformed(fileName, "the header is not a valid NumPy header dict: " + e.Message);
            }
            if (!dict.TryGetValue("descr", out var descrValue) || !dict.TryGetValue("shape", out var shapeValue) || !dict.TryGetValue("fortran_order", out var fortranValue))
                throw Malformed(fileName, "the header lacks one of 'descr', 'fortran_order' and 'shape'");
            if (descrValue is not string descr)
                throw Unsupported(fileName, "the array has a structured dtype (record fields); save a plain numeric array");
            string? problem = NpyDType.Problem(descr);
            if (problem is not null) throw Unsupported(fileName, problem + ".");
            if (fortranValue is not bool fortran) throw Malformed(fileName, "'fortran_order' is not True or False");
            if (fortran) throw Unsupported(fileName, "the array is stored in Fortran (column-major) order; save numpy.ascontiguousarray(arr) instead.");
            if (shapeValue is not long[] dims) throw Malformed(fileName, "'shape' is not a tuple of integers");
            var shape = new int[dims.Length];
            long count = 1;
            for (int i = 0; i < dims.Length; i++)
            {
                if (dims[i] < 0 || dims[i] > int.MaxValue) throw Malformed(fileName, $"dimension {i} of the shape is {dims[i]}");
                shape[i] = (int)dims[i];
                count = count * dims[i];
                if (count > int.MaxValue) throw Malformed(fileName, $"the shape ({string.Join(", ", dims)}) has more than {int.MaxValue} elements");
            }
            return (descr, shape);
        }

        private static string Latin1(byte[] bytes)
        {
            var chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
            return new string(chars);
        }

        private static McuAiException Malformed(string fileName, string what) =>
            new(DiagnosticCodes.MalformedNpy, fileName, $"not a valid .npy file: {what}.");

        private static McuAiException Unsupported(string fileName, string what) =>
            new(DiagnosticCodes.UnsupportedNpyFeature, fileName, what);
    }
}
