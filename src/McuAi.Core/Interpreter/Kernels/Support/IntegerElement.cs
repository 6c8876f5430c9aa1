using System;
using System.Runtime.CompilerServices;

namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// int8 and int16 elements read as int and written from int in code written once for both widths
    /// (pooling, for instance). The type tests are constants for each instantiation, so the JIT keeps only
    /// the one conversion that applies.
    /// </summary>
    internal static class IntegerElement
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Read<T>(ReadOnlySpan<T> values, int i) where T : unmanaged
        {
            T value = values[i];
            if (typeof(T) == typeof(sbyte)) return Unsafe.As<T, sbyte>(ref value);
            if (typeof(T) == typeof(short)) return Unsafe.As<T, short>(ref value);
            throw new NotSupportedException(typeof(T).Name);
        }

        /// <summary>Writes <paramref name="value"/>, already clamped to the type's range.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Write<T>(Span<T> values, int i, int value) where T : unmanaged
        {
            if (typeof(T) == typeof(sbyte)) { sbyte v = (sbyte)value; values[i] = Unsafe.As<sbyte, T>(ref v); }
            else if (typeof(T) == typeof(short)) { short v = (short)value; values[i] = Unsafe.As<short, T>(ref v); }
            else throw new NotSupportedException(typeof(T).Name);
        }
    }
}
