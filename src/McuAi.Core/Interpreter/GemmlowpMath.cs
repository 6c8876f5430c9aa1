namespace McuAi.Interpreter
{
    /// <summary>
    /// gemmlowp's fixed-point transcendental functions on raw int32 values, as TFLite's integer
    /// SOFTMAX, LOGISTIC and TANH use them. A value with <c>integerBits</c> m is raw / 2^(31 − m).
    /// Every step (rounding, saturation, the order of multiplications) follows gemmlowp so results
    /// are bit-exact.
    /// </summary>
    public static class GemmlowpMath
    {
        private static int Mul(int a, int b) => FixedPoint.SaturatingRoundingDoublingHighMul(a, b);

        /// <summary>x × 2^exponent: a saturating left shift for exponent &gt; 0, a rounding right shift for exponent &lt; 0.</summary>
        public static int SaturatingRoundingMultiplyByPOT(int x, int exponent)
        {
            if (exponent == 0) return x;
            if (exponent < 0) return FixedPoint.RoundingDivideByPOT(x, -exponent);
            int threshold = (1 << (31 - exponent)) - 1;
            if (x > threshold) return int.MaxValue;
            if (x < -threshold) return int.MinValue;
            return x << exponent;
        }

        /// <summary>Changes a raw value from <paramref name="sourceIntegerBits"/> to <paramref name="targetIntegerBits"/>.</summary>
        public static int Rescale(int raw, int sourceIntegerBits, int targetIntegerBits) =>
            SaturatingRoundingMultiplyByPOT(raw, sourceIntegerBits - targetIntegerBits);

        /// <summary>(a + b) / 2 rounded to nearest, ties away from zero.</summary>
        public static int RoundingHalfSum(int a, int b)
        {
            long sum = (long)a + b;
            long sign = sum >= 0 ? 1 : -1;
            return (int)((sum + sign) / 2);
        }

        /// <summary>exp(a) for a in [−1/4, 0), both with 0 integer bits.</summary>
        public static int ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a)
        {
            const int ConstantTerm = 1895147668; // exp(-1/8)
            const int OneThird = 715827883;
            int x = unchecked(a + (1 << 28)); // a + 1/8: a Taylor expansion around −1/8
            int x2 = Mul(x, x);
            int x3 = Mul(x2, x);
            int x4 = Mul(x2, x2);
            int x4Over4 = FixedPoint.RoundingDivideByPOT(x4, 2);
            int polynomial = FixedPoint.RoundingDivideByPOT(unchecked(Mul(unchecked(x4Over4 + x3), OneThird) + x2), 1);
            return unchecked(ConstantTerm + Mul(ConstantTerm, unchecked(x + polynomial)));
        }

        /// <summary>exp(a) for a ≤ 0 with <paramref name="integerBits"/> integer bits; the result has 0 integer bits.</summary>
        public static int ExpOnNegativeValues(int a, int integerBits)
        {
            int fractionalBits = 31 - integerBits;
            int oneQuarter = 1 << (fractionalBits - 2);
            int mask = oneQuarter - 1;
            int aModQuarterMinusOneQuarter = unchecked((a & mask) - oneQuarter);
            int result = ExpOnIntervalBetweenNegativeOneQuarterAnd0Excl(Rescale(aModQuarterMinusOneQuarter, integerBits, 0));
            int remainder = unchecked(aModQuarterMinusOneQuarter - a);
            // Multiply in exp(−2^k) for every bit k of the remainder (a barrel shifter over −1/4 … −16).
            result = BarrelStep(result, remainder, -2, 1672461947, integerBits, fractionalBits);
            result = BarrelStep(result, remainder, -1, 1302514674, integerBits, fractionalBits);
            result = BarrelStep(result, remainder, 0, 790015084, integerBits, fractionalBits);
            result = BarrelStep(result, remainder, 1, 290630308, integerBits, fractionalBits);
            result = BarrelStep(result, remainder, 2, 39332535, integerBits, fractionalBits);
            result = BarrelStep(result, remainder, 3, 720401, integerBits, fractionalBits);
            result = BarrelStep(result, remainder, 4, 242, integerBits, fractionalBits);
            if (integerBits > 5)
            {
                int clamp = -(1 << (36 - integerBits)); // −32
                if (a < clamp) result = 0;
            }
            return a == 0 ? int.MaxValue : result;
        }

        private static int BarrelStep(int result, int remainder, int exponent, int multiplier, int integerBits, int fractionalBits)
        {
            if (integerBits <= exponent) return result;
            int bit = 1 << (fractionalBits + exponent);
            return (remainder & bit) != 0 ? Mul(result, multiplier) : result;
        }

        /// <summary>1 / (1 + a) for a in [0, 1) with 0 integer bits (Newton–Raphson, three steps).</summary>
        public static int OneOverOnePlusXForXIn01(int a)
        {
            int x = NewtonRaphsonReciprocal(RoundingHalfSum(a, int.MaxValue));
            return Rescale(x, 1, 0); // x/2, from 2 to 1 integer bits exactly, then to 0
        }

        /// <summary>(1 − a) / (1 + a) for a in [0, 1) with 0 integer bits.</summary>
        public static int OneMinusXOverOnePlusXForXIn01(int a)
        {
            int x = NewtonRaphsonReciprocal(RoundingHalfSum(a, int.MaxValue));
            return Rescale(unchecked(x - (1 << 29)), 2, 0);
        }

        /// <summary>1 / halfDenominator with 2 integer bits, halfDenominator in [1/2, 1).</summary>
        private static int NewtonRaphsonReciprocal(int halfDenominator)
        {
            const int FortyEightOverSeventeen = 1515870810;
            const int MinusThirtyTwoOverSeventeen = -1010580540;
            const int One = 1 << 29; // 1.0 with 2 integer bits
            int x = unchecked(FortyEightOverSeventeen + Mul(halfDenominator, MinusThirtyTwoOverSeventeen));
            for (int i = 0; i < 3; i++)
            {
                int oneMinusHalfDenominatorTimesX = unchecked(One - Mul(halfDenominator, x));
                x = unchecked(x + Rescale(Mul(x, oneMinusHalfDenominatorTimesX), 4, 2));
            }
            return x;
        }

        /// <summary>Leading zero bits of a 32-bit value (32 for zero).</summary>
        public static int CountLeadingZeros(uint x)
        {
            if (x == 0) return 32;
            int n = 0;
            while ((x & 0x80000000u) == 0)
            {
                x <<= 1;
                n++;
            }
            return n;
        }

        /// <summary>
        /// TFLite's GetReciprocal: 1 / x for a positive x with <paramref name="integerBits"/> integer bits,
        /// as a 0-integer-bit value and the number of bits x had above 1.0.
        /// </summary>
        public static int GetReciprocal(int x, int integerBits, out int numBitsOverUnit)
        {
            int headroomPlusOne = CountLeadingZeros((uint)x);
            numBitsOverUnit = integerBits - headroomPlusOne;
            int shiftedSumMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
            return OneOverOnePlusXForXIn01(shiftedSumMinusOne);
        }

        /// <summary>tanh(a) with <paramref name="integerBits"/> integer bits in, 0 integer bits out.</summary>
        public static int Tanh(int a, int integerBits)
        {
            if (a == 0) return 0;
            int n = a < 0 ? a : unchecked(-a);
            // −tanh(n) for n < 0 is (1 − exp(2n)) / (1 + exp(2n)); 2n is n read with one more integer bit.
            int t = OneMinusXOverOnePlusXForXIn01(ExpOnNegativeValues(n, integerBits + 1));
            return a < 0 ? unchecked(-t) : t;
        }

        /// <summary>logistic(a) = 1 / (1 + exp(−a)) with <paramref name="integerBits"/> integer bits in, 0 out.</summary>
        public static int Logistic(int a, int integerBits)
        {
            if (a == 0) return 1 << 30;
            int absolute = a > 0 ? a : unchecked(-a);
            int positive = OneOverOnePlusXForXIn01(ExpOnNegativeValues(unchecked(-absolute), integerBits));
            return a > 0 ? positive : unchecked(int.MaxValue - positive);
        }
    }
}
