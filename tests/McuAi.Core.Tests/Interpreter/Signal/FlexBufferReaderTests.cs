using System;
using System.Collections.Generic;
using System.Linq;
using McuAi.Diagnostics;
using McuAi.FlatBuffers;
using McuAi.Tests.Infrastructure;
using McuAi.TfLite;
using Xunit;

namespace McuAi.Tests.Interpreter.Signal
{
    /// <summary>The FlexBuffers reader on real custom options, hand-assembled buffers and malformed bytes.</summary>
    public class FlexBufferReaderTests
    {
        private static FlexValue Root(params byte[] bytes) => new FlexBuffer(bytes, "test.tflite", "custom options").Root;

        private static McuAiException Invalid(Action read)
        {
            var e = Assert.Throws<McuAiException>(read);
            Assert.Equal(DiagnosticCodes.InvalidCustomOptions, e.Code);
            Assert.Equal("test.tflite", e.File);
            return e;
        }

        private static IEnumerable<(string Op, byte[] Options)> RealOptions()
        {
            foreach (var name in new[] { "audio_preprocessor_int8", "audio_preprocessor_float" })
            {
                var model = ModelReader.ReadFile(SharedData.ModelPath(name));
                foreach (var op in model.MainSubgraph.Operators)
                    if (op.CustomOptions is { } bytes) yield return (model.CodeOf(op).CustomCode!, bytes.ToArray());
            }
        }

        private static FlexMap OptionsOf(string op) => new FlexBuffer(RealOptions().First(o => o.Op == op).Options).Root.AsMap();

        [Fact]
        public void Window_options_of_the_real_model_decode_to_shift_12()
        {
            // Decoded by hand from the 16 bytes: "shift\0", key vector [1: ->0], map header (keys at -1, width 1,
            // count 1), value 0x0c with type byte 0x04 (int, 1 byte), root offset 2, type 0x24 (map), width 1.
            var map = OptionsOf("SignalWindow");
            Assert.Equal(new[] { "shift" }, map.Keys);
            Assert.Equal(FlexBufferType.Int, map["shift"].Type);
            Assert.Equal(12, map["shift"].AsInt32());
        }

        [Fact]
        public void Options_of_every_signal_op_in_the_models_decode()
        {
            Assert.Empty(OptionsOf("SignalFftAutoScale").Keys);
            var rfft = OptionsOf("SignalRfft");
            Assert.Equal(new[] { "T", "fft_length" }, rfft.Keys);
            Assert.Equal((int)TensorType.INT16, rfft["T"].AsInt32());
            Assert.Equal(512, rfft["fft_length"].AsInt32());
            var energy = OptionsOf("SignalEnergy");
            Assert.True(energy["start_index"].AsInt32() < energy["end_index"].AsInt32());
            Assert.Equal(40, OptionsOf("SignalFilterBank")["num_channels"].AsInt32());
            var subtraction = OptionsOf("SignalFilterBankSpectralSubtraction");
            Assert.Equal(9, subtraction.Count);
            Assert.Equal(FlexBufferType.Bool, subtraction["clamping"].Type);
            Assert.Equal(40, subtraction["num_channels"].AsInt32());
            Assert.Equal(1 << subtraction["spectral_subtraction_bits"].AsInt32(),
                subtraction["smoothing"].AsInt32() + subtraction["one_minus_smoothing"].AsInt32());
            Assert.Equal(new[] { "snr_shift" }, OptionsOf("SignalPCAN").Keys);
            Assert.Equal(new[] { "input_correction_bits", "output_scale" }, OptionsOf("SignalFilterBankLog").Keys);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(4)]
        [InlineData(8)]
        public void Written_maps_read_back_at_every_width(int width)
        {
            var writer = new FlexMapWriter().Int("negative", -3).UInt("unsigned", 200).Bool("flag", true).Int("zero", 0);
            if (width >= 4) writer.Float("ratio", 0.25);
            var map = Root(writer.ToBytes(width)).AsMap();
            Assert.Equal(-3, map["negative"].AsInt64());
            Assert.Equal(200, map["unsigned"].AsInt64());
            Assert.True(map["flag"].AsBool());
            Assert.False(map["zero"].AsBool());
            if (width >= 4) Assert.Equal(0.25, map["ratio"].AsDouble());
            Assert.Equal(map.Keys.OrderBy(k => k, StringComparer.Ordinal), map.Keys);
            Assert.False(map.TryGetValue("absent", out _));
        }

        [Fact]
        public void Typed_untyped_and_fixed_vectors_and_indirect_scalars_read()
        {
            // VECTOR_INT of width 1: count 3, elements 1, 2, -1; root offset 3 back, type 11 << 2.
            Assert.Equal(new long[] { 1, 2, -1 }, Root(0x03, 0x01, 0x02, 0xFF, 0x03, 0x2C, 0x01).AsInt64Array());
            // VECTOR_UINT: 0xFF is 255.
            Assert.Equal(new long[] { 1, 2, 255 }, Root(0x03, 0x01, 0x02, 0xFF, 0x03, 0x30, 0x01).AsInt64Array());
            // VECTOR_FLOAT of width 4: 1.0, -2.5.
            Assert.Equal(new[] { 1.0, -2.5 }, Root(0x02, 0, 0, 0, 0, 0, 0x80, 0x3F, 0, 0, 0x20, 0xC0, 0x08, 0x36, 0x01).AsDoubleArray());
            // Untyped VECTOR of width 4: int 7 and float 1.5, type bytes 0x06 (int, 4) and 0x0E (float, 4).
            var mixed = Root(0x02, 0, 0, 0, 0x07, 0, 0, 0, 0, 0, 0xC0, 0x3F, 0x06, 0x0E, 0x0A, 0x2A, 0x01);
            Assert.Equal(new[] { 7.0, 1.5 }, mixed.AsDoubleArray());
            Invalid(() => mixed.AsInt64Array());
            // VECTOR_INT2 (fixed length, no count): 5, 6.
            Assert.Equal(new long[] { 5, 6 }, Root(0x05, 0x06, 0x02, 0x40, 0x01).AsInt64Array());
            // INDIRECT_INT of 8 bytes: -5.
            Assert.Equal(-5, Root(0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x08, 0x1B, 0x01).AsInt64());
            // A root int of width 2 and a string "hi".
            Assert.Equal(-2, Root(0xFE, 0xFF, 0x04, 0x02).AsInt64());
            Assert.Equal("hi", Root(0x02, (byte)'h', (byte)'i', 0x00, 0x03, 0x14, 0x01).AsString());
        }

        [Fact]
        public void Malformed_buffers_are_MCUAI0013_with_the_position()
        {
            Assert.Contains("too few", Invalid(() => Root()).Message);
            Invalid(() => Root(0x01, 0x04));
            Assert.Contains("root byte width 3", Invalid(() => Root(0x00, 0x00, 0x04, 0x03)).Message);
            // The root map's offset points before the start of the buffer.
            Assert.Contains("before the start", Invalid(() => Root(0x00, 0x09, 0x24, 0x01).AsMap()).Message);
            // Unknown type 63.
            Assert.Contains("unknown value type 63", Invalid(() => Root(0x00, 0xFC, 0x01)).Message);
            var window = RealOptions().First(o => o.Op == "SignalWindow").Options;
            // Map count byte raised from 1 to 200: the values no longer fit.
            var tooMany = (byte[])window.Clone();
            tooMany[10] = 200;
            Assert.Contains("does not fit", Invalid(() => Root(tooMany).AsMap()).Message);
            // Key count no longer equal to the value count.
            var keyCount = (byte[])window.Clone();
            keyCount[6] = 0;
            Assert.Contains("keys", Invalid(() => Root(keyCount).AsMap()).Message);
            // The key's terminating zero replaced: the key string runs off the end.
            var unterminated = (byte[])window.Clone();
            unterminated[5] = (byte)'!';
            Assert.Contains("terminating zero", Invalid(() => Root(unterminated).AsMap().KeyAt(0)).Message);
        }

        [Fact]
        public void Wrong_types_and_missing_keys_are_MCUAI0013_naming_what_was_expected()
        {
            var map = Root(new FlexMapWriter().Int("shift", 3).Float("gain", 2.0).ToBytes(8)).AsMap();
            Assert.Contains("expected an integer", Invalid(() => map["gain"].AsInt64()).Message);
            Assert.Contains("expected a map", Invalid(() => map["shift"].AsMap()).Message);
            var missing = Invalid(() => map["snr_shift"].AsInt32());
            Assert.Contains("'snr_shift' is missing (present: gain, shift)", missing.Message);
            Assert.Contains("does not fit a 32-bit integer", Invalid(() => Root(new FlexMapWriter().Int("big", 1L << 40).ToBytes(8)).AsMap()["big"].AsInt32()).Message);
        }

        /// <summary>
        /// Every single-byte corruption and every truncation of the real options either decodes or raises
        /// MCUAI0013: never another exception, never a read out of range.
        /// </summary>
        [Fact]
        public void Corrupted_real_options_never_fail_other_than_MCUAI0013()
        {
            int decoded = 0, refused = 0;
            foreach (var (_, options) in RealOptions().Distinct())
            {
                var variants = new List<byte[]>();
                for (int length = 0; length < options.Length; length++) variants.Add(options.Skip(options.Length - length).ToArray());
                for (int i = 0; i < options.Length; i++)
                    foreach (byte value in new byte[] { 0x00, 0x01, 0x02, 0x7F, 0x80, 0xFF, (byte)(options[i] ^ 0x01), (byte)(options[i] ^ 0x10) })
                    {
                        var corrupted = (byte[])options.Clone();
                        corrupted[i] = value;
                        variants.Add(corrupted);
                    }
                foreach (var bytes in variants)
                {
                    try
                    {
                        ReadEverything(new FlexBuffer(bytes).Root);
                        decoded++;
                    }
                    catch (McuAiException e) when (e.Code == DiagnosticCodes.InvalidCustomOptions)
                    {
                        refused++;
                    }
                }
            }
            Assert.True(decoded > 0 && refused > 0, $"decoded {decoded}, refused {refused}");
        }

        private static void ReadEverything(FlexValue value)
        {
            switch (value.Type)
            {
                case FlexBufferType.Map:
                    var map = value.AsMap();
                    for (int i = 0; i < map.Count; i++)
                    {
                        _ = map.KeyAt(i);
                        ReadEverything(map.ValueAt(i));
                    }
                    break;
                case FlexBufferType.Int or FlexBufferType.UInt or FlexBufferType.Bool or FlexBufferType.IndirectInt or FlexBufferType.IndirectUInt:
                    _ = value.AsInt64();
                    break;
                case FlexBufferType.Float or FlexBufferType.IndirectFloat:
                    _ = value.AsDouble();
                    break;
                case FlexBufferType.Key or FlexBufferType.String:
                    _ = value.AsString();
                    break;
                case FlexBufferType.Null or FlexBufferType.Blob:
                    break;
                default:
                    foreach (var element in value.Elements()) ReadEverything(element);
                    break;
            }
        }
    }
}
