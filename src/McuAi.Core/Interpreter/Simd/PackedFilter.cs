using System;
using System.Runtime.InteropServices;
#if NET
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace McuAi.Interpreter.Simd
{
    /// <summary>
    /// Filters of a convolution repacked in Prepare so that Eval computes 8 output channels per
    /// vector with no horizontal sums: channels in blocks of 8, and for int8 the patch positions in
    /// pairs (k, k+1) interleaved per channel, the layout of AVX2's 16-bit multiply-add (vpmaddwd).
    /// Missing channels and the odd last position are zero. Each output pixel then costs one pass over
    /// the packed filter while the patch value (pair) is broadcast.
    /// </summary>
    public sealed class PackedInt8Filter
    {
        private readonly short[] _data;

        private PackedInt8Filter(short[] data, int channels, int patchSize)
        {
            _data = data;
            Channels = channels;
            PatchSize = patchSize;
            Pairs = (patchSize + 1) / 2;
            Blocks = (channels + 7) / 8;
        }

        public int Channels { get; }
        public int PatchSize { get; }
        /// <summary>Patch positions taken two at a time (the patch buffer must hold 2 × Pairs int16 values).</summary>
        public int Pairs { get; }
        /// <summary>Blocks of 8 channels; accumulators must hold 8 × Blocks values.</summary>
        public int Blocks { get; }

        /// <summary>Packs <paramref name="channels"/> filters of <paramref name="patchSize"/> values each (row-major), adding <paramref name="offset"/>.</summary>
        public static PackedInt8Filter Create(ReadOnlySpan<sbyte> filters, int channels, int patchSize, int offset)
        {
            int pairs = (patchSize + 1) / 2;
            int blocks = (channels + 7) / 8;
            var data = new short[blocks * pairs * 16];
            for (int c = 0; c < channels; c++)
                for (int k = 0; k < patchSize; k++)
                {
                    int block = c / 8, lane = c % 8, pair = k / 2;
                    data[(block * pairs + pair) * 16 + lane * 2 + k % 2] = (short)(filters[c * patchSize + k] + offset);
                }
            return new PackedInt8Filter(data, channels, patchSize);
        }

        /// <summary>
        /// acc[c] = Σ_k patch[k] · filter[c, k] for every channel (wrapping int32). <paramref name="patch"/> holds
        /// 2 × <see cref="Pairs"/> values (the last one 0 when the patch size is odd).
        /// </summary>
        public unsafe void Accumulate(ReadOnlySpan<short> patch, Span<int> acc)
        {
            if (patch.Length < 2 * Pairs || acc.Length < 8 * Blocks) throw new ArgumentException("patch or accumulator too small");
            var pairs = MemoryMarshal.Cast<short, int>(patch);
            int pairCount = Pairs;
            fixed (short* w = _data)
            fixed (int* p = pairs)
            fixed (int* a = acc)
            {
#if NET
                if (Avx2.IsSupported)
                {
                    int b = 0;
                    for (; b + 4 <= Blocks; b += 4)
                    {
                        short* w0 = w + b * pairCount * 16;
                        short* w1 = w0 + pairCount * 16;
                        short* w2 = w1 + pairCount * 16;
                        short* w3 = w2 + pairCount * 16;
                        var a0 = Vector256<int>.Zero;
                        var a1 = Vector256<int>.Zero;
                        var a2 = Vector256<int>.Zero;
                        var a3 = Vector256<int>.Zero;
                        for (int j = 0; j < pairCount; j++)
                        {
                            var x = Vector256.Create(p[j]).AsInt16();
                            a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(x, Avx.LoadVector256(w0 + j * 16)));
                            a1 = Avx2.Add(a1, Avx2.MultiplyAddAdjacent(x, Avx.LoadVector256(w1 + j * 16)));
                            a2 = Avx2.Add(a2, Avx2.MultiplyAddAdjacent(x, Avx.LoadVector256(w2 + j * 16)));
                            a3 = Avx2.Add(a3, Avx2.MultiplyAddAdjacent(x, Avx.LoadVector256(w3 + j * 16)));
                        }
                        Avx.Store(a + b * 8, a0);
                        Avx.Store(a + b * 8 + 8, a1);
                        Avx.Store(a + b * 8 + 16, a2);
                        Avx.Store(a + b * 8 + 24, a3);
                    }
                    for (; b < Blocks; b++)
                    {
                        // A lone block: split the positions over independent sums so the adds do not wait on each other.
                        short* w0 = w + b * pairCount * 16;
                        var a0 = Vector256<int>.Zero;
                        var a1 = Vector256<int>.Zero;
                        int j = 0;
                        for (; j + 2 <= pairCount; j += 2)
                        {
                            a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(Vector256.Create(p[j]).AsInt16(), Avx.LoadVector256(w0 + j * 16)));
                            a1 = Avx2.Add(a1, Avx2.MultiplyAddAdjacent(Vector256.Create(p[j + 1]).AsInt16(), Avx.LoadVector256(w0 + j * 16 + 16)));
                        }
                        for (; j < pairCount; j++)
                            a0 = Avx2.Add(a0, Avx2.MultiplyAddAdjacent(Vector256.Create(p[j]).AsInt16(), Avx.LoadVector256(w0 + j * 16)));
                        Avx.Store(a + b * 8, Avx2.Add(a0, a1));
                    }
                    return;
                }
#endif
                for (int b = 0; b < Blocks; b++)
                    for (int lane = 0; lane < 8; lane++)
                    {
                        int sum = 0;
                        short* wl = w + b * pairCount * 16 + lane * 2;
                        short* x = (short*)p;
                        for (int j = 0; j < pairCount; j++)
                            sum = unchecked(sum + x[2 * j] * wl[j * 16] + x[2 * j + 1] * wl[j * 16 + 1]);
                        a[b * 8 + lane] = sum;
                    }
            }
        }
    }

    /// <summary>Float filters in blocks of 8 output channels per patch position (see <see cref="PackedInt8Filter"/>).</summary>
    public sealed class PackedFloatFilter
    {
        private readonly float[] _data;

        private PackedFloatFilter(float[] data, int channels, int patchSize)
        {
            _data = data;
            Channels = channels;
            PatchSize = patchSize;
            Blocks = (channels + 7) / 8;
        }

        public int Channels { get; }
        public int PatchSize { get; }
        public int Blocks { get; }

        public static PackedFloatFilter Create(ReadOnlySpan<float> filters, int channels, int patchSize)
        {
            int blocks = (channels + 7) / 8;
            var data = new float[blocks * patchSize * 8];
            for (int c = 0; c < channels; c++)
                for (int k = 0; k < patchSize; k++)
                    data[((c / 8) * patchSize + k) * 8 + c % 8] = filters[c * patchSize + k];
            return new PackedFloatFilter(data, channels, patchSize);
        }

        /// <summary>acc[c] = Σ_k patch[k] · filter[c, k] for every channel.</summary>
        public unsafe void Accumulate(ReadOnlySpan<float> patch, Span<float> acc)
        {
            if (patch.Length < PatchSize || acc.Length < 8 * Blocks) throw new ArgumentException("patch or accumulator too small");
            int k = PatchSize;
            fixed (float* w = _data)
            fixed (float* p = patch)
            fixed (float* a = acc)
            {
#if NET
                if (Vector256.IsHardwareAccelerated)
                {
                    int b = 0;
                    for (; b + 4 <= Blocks; b += 4)
                    {
                        float* w0 = w + b * k * 8;
                        float* w1 = w0 + k * 8;
                        float* w2 = w1 + k * 8;
                        float* w3 = w2 + k * 8;
                        var a0 = Vector256<float>.Zero;
                        var a1 = Vector256<float>.Zero;
                        var a2 = Vector256<float>.Zero;
                        var a3 = Vector256<float>.Zero;
                        for (int j = 0; j < k; j++)
                        {
                            var x = Vector256.Create(p[j]);
                            a0 = Vector256.FusedMultiplyAdd(x, Vector256.Load(w0 + j * 8), a0);
                            a1 = Vector256.FusedMultiplyAdd(x, Vector256.Load(w1 + j * 8), a1);
                            a2 = Vector256.FusedMultiplyAdd(x, Vector256.Load(w2 + j * 8), a2);
                            a3 = Vector256.FusedMultiplyAdd(x, Vector256.Load(w3 + j * 8), a3);
                        }
                        a0.Store(a + b * 8);
                        a1.Store(a + b * 8 + 8);
                        a2.Store(a + b * 8 + 16);
                        a3.Store(a + b * 8 + 24);
                    }
                    for (; b < Blocks; b++)
                    {
                        // A lone block: four independent sums hide the latency of the fused multiply-add.
                        float* w0 = w + b * k * 8;
                        var a0 = Vector256<float>.Zero;
                        var a1 = Vector256<float>.Zero;
                        var a2 = Vector256<float>.Zero;
                        var a3 = Vector256<float>.Zero;
                        int j = 0;
                        for (; j + 4 <= k; j += 4)
                        {
                            a0 = Vector256.FusedMultiplyAdd(Vector256.Create(p[j]), Vector256.Load(w0 + j * 8), a0);
                            a1 = Vector256.FusedMultiplyAdd(Vector256.Create(p[j + 1]), Vector256.Load(w0 + j * 8 + 8), a1);
                            a2 = Vector256.FusedMultiplyAdd(Vector256.Create(p[j + 2]), Vector256.Load(w0 + j * 8 + 16), a2);
                            a3 = Vector256.FusedMultiplyAdd(Vector256.Create(p[j + 3]), Vector256.Load(w0 + j * 8 + 24), a3);
                        }
                        for (; j < k; j++)
                            a0 = Vector256.FusedMultiplyAdd(Vector256.Create(p[j]), Vector256.Load(w0 + j * 8), a0);
                        ((a0 + a1) + (a2 + a3)).Store(a + b * 8);
                    }
                    return;
                }
#endif
                for (int b = 0; b < Blocks; b++)
                    for (int lane = 0; lane < 8; lane++)
                    {
                        float sum = 0f;
                        for (int j = 0; j < k; j++) sum += p[j] * w[(b * k + j) * 8 + lane];
                        a[b * 8 + lane] = sum;
                    }
            }
        }
    }
}
