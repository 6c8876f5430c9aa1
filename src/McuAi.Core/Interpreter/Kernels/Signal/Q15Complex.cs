namespace McuAi.Interpreter.Kernels.Signal
{
    /// <summary>
    /// A complex number of two int16 values in Q15 with the arithmetic of kissfft's FIXED_POINT=16
    /// build: products are rounded (add 2^14, shift right 15) and every stored result wraps to int16,
    /// as C's assignment to a short does.
    /// </summary>
    internal struct Q15Complex
    {
        public short R;
        public short I;

        public Q15Complex(int r, int i)
        {
            R = unchecked((short)r);
            I = unchecked((short)i);
        }

        /// <summary>A 32-bit product back to Q15, rounding half up.</summary>
        public static short Round(int product) => unchecked((short)((product + (1 << 14)) >> 15));

        /// <summary>Q15 product of two scalars.</summary>
        public static short Multiply(short a, short b) => Round(a * b);

        public static Q15Complex operator *(Q15Complex a, Q15Complex b) =>
            new(Round(a.R * b.R - a.I * b.I), Round(a.R * b.I + a.I * b.R));

        public static Q15Complex operator +(Q15Complex a, Q15Complex b) => new(a.R + b.R, a.I + b.I);

        public static Q15Complex operator -(Q15Complex a, Q15Complex b) => new(a.R - b.R, a.I - b.I);

        /// <summary>Both parts times a Q15 scalar.</summary>
        public Q15Complex Scale(short s) => new(Multiply(R, s), Multiply(I, s));

        /// <summary>
        /// Division by a radix, done as kissfft does: multiplication by the Q15 value 32767 / divisor
        /// (integer division), which keeps each butterfly stage from overflowing.
        /// </summary>
        public Q15Complex Divide(int divisor) => Scale((short)(short.MaxValue / divisor));

        public override string ToString() => $"({R}, {I})";
    }
}
