/* McuAi.Build C runtime: SignalRfft int16, bit-exact with TFLM's kissfft (FIXED_POINT=16): every product is rounded to
   Q15 (add 2^14, shift right 15), every stored value wraps to int16, each butterfly stage divides by its radix as a Q15
   multiply by 32767 / radix. A real FFT of length 2n runs a complex FFT of length n over the samples taken as
   (even, odd) pairs (a recursive mixed-radix decimation in time), then splits its n values into n + 1 bins. */
#include "mcuai_signal_rfft.h"

typedef struct {
  int16_t r, i;
} q15c;

typedef struct {
  const mcuai_signal_rfft_params* p;
  const int16_t* samples;    /* the frame */
} rfft_work;

MCUAI_INLINE int16_t q15_round(int32_t product) { return (int16_t)((int32_t)((uint32_t)product + (1u << 14)) >> 15); }
MCUAI_INLINE int16_t q15_mul(int16_t a, int16_t b) { return q15_round((int32_t)a * b); }
MCUAI_INLINE q15c make(int32_t r, int32_t i) { q15c c; c.r = (int16_t)r; c.i = (int16_t)i; return c; }
MCUAI_INLINE q15c cmul(q15c a, q15c b)
{
  return make(q15_round((int32_t)((uint32_t)((int32_t)a.r * b.r) - (uint32_t)((int32_t)a.i * b.i))),
              q15_round((int32_t)((uint32_t)((int32_t)a.r * b.i) + (uint32_t)((int32_t)a.i * b.r))));
}
MCUAI_INLINE q15c cadd(q15c a, q15c b) { return make(a.r + b.r, a.i + b.i); }
MCUAI_INLINE q15c csub(q15c a, q15c b) { return make(a.r - b.r, a.i - b.i); }
MCUAI_INLINE q15c cscale(q15c a, int16_t s) { return make(q15_mul(a.r, s), q15_mul(a.i, s)); }
MCUAI_INLINE q15c cdiv(q15c a, int32_t radix) { return cscale(a, (int16_t)(32767 / radix)); }
/* Complex value k of an interleaved int16 array. */
MCUAI_INLINE q15c get(const int16_t* f, int32_t k) { return make(f[2 * k], f[2 * k + 1]); }
MCUAI_INLINE void put(int16_t* f, int32_t k, q15c v)
{
  f[2 * k] = v.r;
  f[2 * k + 1] = v.i;
}
MCUAI_INLINE q15c twiddle(const rfft_work* w, int32_t k) { return make(w->p->twiddles[2 * k], w->p->twiddles[2 * k + 1]); }

/* Complex input k: samples 2k and 2k + 1 of the frame, zero past its end. */
MCUAI_INLINE q15c pair(const rfft_work* w, int32_t k)
{
  const int32_t s = 2 * k, frame = w->p->frame;
  return make(s < frame ? w->samples[s] : 0, s + 1 < frame ? w->samples[s + 1] : 0);
}

static void butterfly2(const rfft_work* w, int16_t* f, int32_t stride, int32_t m)
{
  int32_t k;
  for (k = 0; k < m; ++k) {
    const q15c a = cdiv(get(f, k), 2);
    const q15c t = cmul(cdiv(get(f, k + m), 2), twiddle(w, k * stride));
    put(f, k + m, csub(a, t));
    put(f, k, cadd(a, t));
  }
}

static void butterfly3(const rfft_work* w, int16_t* f, int32_t stride, int32_t m)
{
  const int16_t sin120 = twiddle(w, stride * m).i;
  int32_t k;
  for (k = 0; k < m; ++k) {
    const q15c f0 = cdiv(get(f, k), 3);
    const q15c s1 = cmul(cdiv(get(f, k + m), 3), twiddle(w, k * stride));
    const q15c s2 = cmul(cdiv(get(f, k + 2 * m), 3), twiddle(w, 2 * k * stride));
    const q15c sum = cadd(s1, s2);
    const q15c difference = cscale(csub(s1, s2), sin120);
    const q15c f1 = make(f0.r - (sum.r >> 1), f0.i - (sum.i >> 1));
    put(f, k, cadd(f0, sum));
    put(f, k + 2 * m, make(f1.r + difference.i, f1.i - difference.r));
    put(f, k + m, make(f1.r - difference.i, f1.i + difference.r));
  }
}

static void butterfly4(const rfft_work* w, int16_t* f, int32_t stride, int32_t m)
{
  int32_t k;
  for (k = 0; k < m; ++k) {
    q15c f0 = cdiv(get(f, k), 4);
    const q15c s0 = cmul(cdiv(get(f, k + m), 4), twiddle(w, k * stride));
    const q15c s1 = cmul(cdiv(get(f, k + 2 * m), 4), twiddle(w, 2 * k * stride));
    const q15c s2 = cmul(cdiv(get(f, k + 3 * m), 4), twiddle(w, 3 * k * stride));
    const q15c s5 = csub(f0, s1);
    q15c s3, s4;
    f0 = cadd(f0, s1);
    s3 = cadd(s0, s2);
    s4 = csub(s0, s2);
    put(f, k + 2 * m, csub(f0, s3));
    put(f, k, cadd(f0, s3));
    put(f, k + m, make(s5.r + s4.i, s5.i - s4.r));
    put(f, k + 3 * m, make(s5.r - s4.i, s5.i + s4.r));
  }
}

static void butterfly5(const rfft_work* w, int16_t* f, int32_t stride, int32_t m)
{
  const q15c ya = twiddle(w, stride * m), yb = twiddle(w, 2 * stride * m);
  int32_t u;
  for (u = 0; u < m; ++u) {
    const q15c s0 = cdiv(get(f, u), 5);
    const q15c s1 = cmul(cdiv(get(f, u + m), 5), twiddle(w, u * stride));
    const q15c s2 = cmul(cdiv(get(f, u + 2 * m), 5), twiddle(w, 2 * u * stride));
    const q15c s3 = cmul(cdiv(get(f, u + 3 * m), 5), twiddle(w, 3 * u * stride));
    const q15c s4 = cmul(cdiv(get(f, u + 4 * m), 5), twiddle(w, 4 * u * stride));
    const q15c s7 = cadd(s1, s4), s10 = csub(s1, s4), s8 = cadd(s2, s3), s9 = csub(s2, s3);
    q15c s5, s6, s11, s12;
    put(f, u, make(s0.r + (s7.r + s8.r), s0.i + (s7.i + s8.i)));
    s5 = make(s0.r + q15_mul(s7.r, ya.r) + q15_mul(s8.r, yb.r), s0.i + q15_mul(s7.i, ya.r) + q15_mul(s8.i, yb.r));
    s6 = make(q15_mul(s10.i, ya.i) + q15_mul(s9.i, yb.i), -q15_mul(s10.r, ya.i) - q15_mul(s9.r, yb.i));
    put(f, u + m, csub(s5, s6));
    put(f, u + 4 * m, cadd(s5, s6));
    s11 = make(s0.r + q15_mul(s7.r, yb.r) + q15_mul(s8.r, ya.r), s0.i + q15_mul(s7.i, yb.r) + q15_mul(s8.i, ya.r));
    s12 = make(-q15_mul(s10.i, yb.i) + q15_mul(s9.i, ya.i), q15_mul(s10.r, yb.i) - q15_mul(s9.r, ya.i));
    put(f, u + 2 * m, cadd(s11, s12));
    put(f, u + 3 * m, csub(s11, s12));
  }
}

/* One stage: the FFT of length radix * m of the pairs from `first` with `stride`, into f: radix sub-FFTs of length m
   (recursively), then the radix's butterflies. */
static void work(const rfft_work* w, int16_t* f, int32_t first, int32_t stride, int32_t stage)
{
  const int32_t radix = w->p->factors[2 * stage], m = w->p->factors[2 * stage + 1];
  int32_t q;
  for (q = 0; q < radix; ++q) {
    if (m == 1) put(f, q, pair(w, first + q * stride));
    else work(w, f + 2 * q * m, first + q * stride, stride * radix, stage + 1);
  }
  switch (radix) {
    case 2: butterfly2(w, f, stride, m); break;
    case 3: butterfly3(w, f, stride, m); break;
    case 4: butterfly4(w, f, stride, m); break;
    default: butterfly5(w, f, stride, m); break;
  }
}

void mcuai_signal_rfft(const mcuai_signal_rfft_params* p, const int16_t* MCUAI_RESTRICT input, int16_t* MCUAI_RESTRICT output)
{
  const int32_t n = p->n;
  int32_t frame, k;
  for (frame = 0; frame < p->frames; ++frame) {
    int16_t* bins = output + (size_t)frame * 2 * (n + 1);
    rfft_work w;
    q15c dc;
    w.p = p;
    w.samples = input + (size_t)frame * p->frame;
    work(&w, bins, 0, 1, 0);
    /* The split, in place: step k reads values k and n - k and writes bins k and n - k; bin n lies past the spectrum. */
    dc = cdiv(get(bins, 0), 2);
    put(bins, 0, make(dc.r + dc.i, 0));
    put(bins, n, make(dc.r - dc.i, 0));
    for (k = 1; k <= n / 2; ++k) {
      const q15c even = cdiv(get(bins, k), 2);
      const q15c mirror = get(bins, n - k);
      const q15c odd = cdiv(make(mirror.r, -mirror.i), 2);
      const q15c sum = cadd(even, odd);
      const q15c twisted = cmul(csub(even, odd), make(p->super_twiddles[2 * (k - 1)], p->super_twiddles[2 * (k - 1) + 1]));
      put(bins, k, make((sum.r + twisted.r) >> 1, (sum.i + twisted.i) >> 1));
      put(bins, n - k, make((sum.r - twisted.r) >> 1, (twisted.i - sum.i) >> 1));
    }
  }
}
