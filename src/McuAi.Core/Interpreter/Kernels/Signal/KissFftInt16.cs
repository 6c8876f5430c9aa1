using System;
using System.Collections.Generic;

namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// The forward real FFT of TFLM's SignalRfft for int16: kissfft 1.3.0 built with FIXED_POINT=16,
    /// reproduced operation by operation so that its outputs are bit-identical (the per-stage scaling by
    /// 1/radix, the Q15 rounding, the int16 wrap of every stored value, the twiddles rounded from
    /// double-precision cosines).
    /// <para>
    /// A real FFT of length 2n runs a complex FFT of length n on the samples taken as (even, odd) pairs,
    /// then splits the result with "super twiddles" into the n + 1 bins of the real spectrum. The complex
    /// FFT is a recursive mixed-radix decimation in time; n is factored into 4s first, then 2s, 3s, 5s.
    /// Construction computes the tables once; <see cref="Transform"/> only computes.
    /// </para>
    /// </summary>
    public sealed class KissFftInt16
    {
        private readonly int _n;
        private readonly Q15Complex[] _twiddles;
        private readonly Q15Complex[] _superTwiddles;
        private readonly int[] _factors;
        private readonly Q15Complex[] _pairs;
        private readonly Q15Complex[] _spectrum;

        /// <param name="fftLength">Length of the real input; see <see cref="Unsupported"/>.</param>
        public KissFftInt16(int fftLength)
        {
            string? reason = Unsupported(fftLength);
            if (reason is not null) throw new ArgumentException(reason, nameof(fftLength));
            _n = fftLength / 2;
            _factors = Factor(_n);
            _twiddles = new Q15Complex[_n];
            for (int i = 0; i < _n; i++) _twiddles[i] = Exp(-2 * Math.PI * i / _n);
            _superTwiddles = new Q15Complex[_n / 2];
            for (int i = 0; i < _superTwiddles.Length; i++) _superTwiddles[i] = Exp(-Math.PI * ((double)(i + 1) / _n + .5));
            _pairs = new Q15Complex[_n];
            _spectrum = new Q15Complex[_n];
        }

        public int FftLength => 2 * _n;

        // What the C backend's lowering (McuAi.Compiler) reads: the tables exactly as this transform uses them.
        /// <summary>Twiddles e^(-2πik/n), k = 0..n-1, as interleaved Q15 (real, imaginary) pairs.</summary>
        internal short[] Twiddles => Interleave(_twiddles);
        /// <summary>Super twiddles of the real-FFT split, k = 1..n/2, as interleaved Q15 pairs.</summary>
        internal short[] SuperTwiddles => Interleave(_superTwiddles);
        /// <summary>(radix, remaining length) pairs, one per stage.</summary>
        internal int[] Factors => (int[])_factors.Clone();

        private static short[] Interleave(Q15Complex[] values)
        {
            var result = new short[2 * values.Length];
            for (int i = 0; i < values.Length; i++) (result[2 * i], result[2 * i + 1]) = (values[i].R, values[i].I);
            return result;
        }

        /// <summary>Number of complex bins of the result: FftLength / 2 + 1.</summary>
        public int Bins => _n + 1;

        /// <summary>
        /// Why TFLM's kissfft cannot transform this length, or null. The length must be even and its half
        /// must factor into 2, 3 and 5: TFLM builds kissfft without a heap, and its generic butterfly for
        /// other prime factors needs one (it would dereference a null scratch buffer).
        /// </summary>
        public static string? Unsupported(int fftLength)
        {
            if (fftLength < 4 || fftLength % 2 != 0) return $"the FFT length {fftLength} must be even and at least 4";
            var factors = Factor(fftLength / 2);
            for (int i = 0; i < factors.Length; i += 2)
                if (factors[i] > 5)
                    return $"the FFT length {fftLength} has the prime factor {factors[i]} in its half; TFLM's kissfft handles only 2, 3 and 5";
            return null;
        }

        /// <summary>
        /// Transforms <see cref="FftLength"/> samples into <see cref="Bins"/> complex bins, written as
        /// interleaved (real, imaginary) int16 pairs. Not thread-safe: the work buffers belong to this instance.
        /// </summary>
        public void Transform(ReadOnlySpan<short> samples, Span<short> bins)
        {
            for (int k = 0; k < _n; k++) _pairs[k] = new Q15Complex(samples[2 * k], samples[2 * k + 1]);
            Work(0, 0, 1, 0);

            // Bin 0 and bin n come from the DC element: sums of the even and the odd samples.
            var dc = _spectrum[0].Divide(2);
            Store(bins, 0, new Q15Complex(dc.R + dc.I, 0));
            Store(bins, _n, new Q15Complex(dc.R - dc.I, 0));
            for (int k = 1; k <= _n / 2; k++)
            {
                var even = _spectrum[k].Divide(2);
                var mirror = _spectrum[_n - k];
                var odd = new Q15Complex(mirror.R, -mirror.I).Divide(2);
                var sum = even + odd;
                var twisted = (even - odd) * _superTwiddles[k - 1];
                Store(bins, k, new Q15Complex((sum.R + twisted.R) >> 1, (sum.I + twisted.I) >> 1));
                Store(bins, _n - k, new Q15Complex((sum.R - twisted.R) >> 1, (twisted.I - sum.I) >> 1));
            }
        }

        private static void Store(Span<short> bins, int k, Q15Complex value)
        {
            bins[2 * k] = value.R;
            bins[2 * k + 1] = value.I;
        }

        /// <summary>The twiddle e^(i·phase) in Q15, rounded as kissfft does: floor(0.5 + 32767·cos).</summary>
        private static Q15Complex Exp(double phase) =>
            new((int)Math.Floor(.5 + short.MaxValue * Math.Cos(phase)), (int)Math.Floor(.5 + short.MaxValue * Math.Sin(phase)));

        /// <summary>
        /// kissfft's factorisation as (radix, remaining length) pairs: 4s first, then 2, then odd numbers;
        /// once the candidate exceeds √n the remainder is taken whole.
        /// </summary>
        private static int[] Factor(int n)
        {
            var factors = new List<int>();
            int p = 4;
            double floorSqrt = Math.Floor(Math.Sqrt(n));
            do
            {
                while (n % p != 0)
                {
                    p = p switch { 4 => 2, 2 => 3, _ => p + 2 };
                    if (p > floorSqrt) p = n;
                }
                n /= p;
                factors.Add(p);
                factors.Add(n);
            } while (n > 1);
            return factors.ToArray();
        }

        /// <summary>
        /// One stage of the recursion: the FFT of length p·m whose input starts at pair
        /// <paramref name="input"/> with stride <paramref name="stride"/>, into _spectrum from
        /// <paramref name="output"/>: p sub-FFTs of length m, then the radix-p butterflies.
        /// </summary>
        private void Work(int output, int input, int stride, int stage)
        {
            int p = _factors[2 * stage];
            int m = _factors[2 * stage + 1];
            for (int q = 0; q < p; q++)
            {
                if (m == 1) _spectrum[output + q] = _pairs[input + q * stride];
                else Work(output + q * m, input + q * stride, stride * p, stage + 1);
            }
            switch (p)
            {
                case 2: Butterfly2(output, stride, m); break;
                case 3: Butterfly3(output, stride, m); break;
                case 4: Butterfly4(output, stride, m); break;
                default: Butterfly5(output, stride, m); break;
            }
        }

        private void Butterfly2(int at, int stride, int m)
        {
            var f = _spectrum;
            for (int k = 0; k < m; k++)
            {
                var a = f[at + k].Divide(2);
                var t = f[at + k + m].Divide(2) * _twiddles[k * stride];
                f[at + k + m] = a - t;
                f[at + k] = a + t;
            }
        }

        private void Butterfly3(int at, int stride, int m)
        {
            var f = _spectrum;
            short sin120 = _twiddles[stride * m].I;
            for (int k = 0; k < m; k++)
            {
                var f0 = f[at + k].Divide(3);
                var s1 = f[at + k + m].Divide(3) * _twiddles[k * stride];
                var s2 = f[at + k + 2 * m].Divide(3) * _twiddles[2 * k * stride];
                var sum = s1 + s2;
                var difference = (s1 - s2).Scale(sin120);
                var f1 = new Q15Complex(f0.R - (sum.R >> 1), f0.I - (sum.I >> 1));
                f[at + k] = f0 + sum;
                f[at + k + 2 * m] = new Q15Complex(f1.R + difference.I, f1.I - difference.R);
                f[at + k + m] = new Q15Complex(f1.R - difference.I, f1.I + difference.R);
            }
        }

        private void Butterfly4(int at, int stride, int m)
        {
            var f = _spectrum;
            for (int k = 0; k < m; k++)
            {
                var f0 = f[at + k].Divide(4);
                var s0 = f[at + k + m].Divide(4) * _twiddles[k * stride];
                var s1 = f[at + k + 2 * m].Divide(4) * _twiddles[2 * k * stride];
                var s2 = f[at + k + 3 * m].Divide(4) * _twiddles[3 * k * stride];
                var s5 = f0 - s1;
                f0 += s1;
                var s3 = s0 + s2;
                var s4 = s0 - s2;
                f[at + k + 2 * m] = f0 - s3;
                f[at + k] = f0 + s3;
                f[at + k + m] = new Q15Complex(s5.R + s4.I, s5.I - s4.R);
                f[at + k + 3 * m] = new Q15Complex(s5.R - s4.I, s5.I + s4.R);
            }
        }

        private void Butterfly5(int at, int stride, int m)
        {
            var f = _spectrum;
            var ya = _twiddles[stride * m];
            var yb = _twiddles[2 * stride * m];
            for (int u = 0; u < m; u++)
            {
                var s0 = f[at + u].Divide(5);
                var s1 = f[at + u + m].Divide(5) * _twiddles[u * stride];
                var s2 = f[at + u + 2 * m].Divide(5) * _twiddles[2 * u * stride];
                var s3 = f[at + u + 3 * m].Divide(5) * _twiddles[3 * u * stride];
                var s4 = f[at + u + 4 * m].Divide(5) * _twiddles[4 * u * stride];
                var s7 = s1 + s4;
                var s10 = s1 - s4;
                var s8 = s2 + s3;
                var s9 = s2 - s3;
                f[at + u] = new Q15Complex(s0.R + (s7.R + s8.R), s0.I + (s7.I + s8.I));
                var s5 = new Q15Complex(s0.R + Mul(s7.R, ya.R) + Mul(s8.R, yb.R), s0.I + Mul(s7.I, ya.R) + Mul(s8.I, yb.R));
                var s6 = new Q15Complex(Mul(s10.I, ya.I) + Mul(s9.I, yb.I), -Mul(s10.R, ya.I) - Mul(s9.R, yb.I));
                f[at + u + m] = s5 - s6;
                f[at + u + 4 * m] = s5 + s6;
                var s11 = new Q15Complex(s0.R + Mul(s7.R, yb.R) + Mul(s8.R, ya.R), s0.I + Mul(s7.I, yb.R) + Mul(s8.I, ya.R));
                var s12 = new Q15Complex(-Mul(s10.I, yb.I) + Mul(s9.I, ya.I), Mul(s10.R, yb.I) - Mul(s9.R, ya.I));
                f[at + u + 2 * m] = s11 + s12;
                f[at + u + 3 * m] = s11 - s12;
            }
        }

        private static short Mul(short a, short b) => Q15Complex.Multiply(a, b);
    }
}
