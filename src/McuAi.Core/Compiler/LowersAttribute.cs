using System;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>
    /// Marks an <see cref="ILowering"/> class as a lowering of a builtin op (or a custom op by name).
    /// <see cref="LoweringRegistry"/> finds lowerings by this attribute: adding an op (or a type path of an op)
    /// to the C backend is one C# file here plus its kernel file in src/McuAi.Runtime.C.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
    public sealed class LowersAttribute : Attribute
    {
        public LowersAttribute(BuiltinOperator op) => Op = op;

        public LowersAttribute(string customCode)
        {
            Op = BuiltinOperator.CUSTOM;
            CustomCode = customCode;
        }

        public BuiltinOperator Op { get; }
        public string? CustomCode { get; }
    }

    /// <summary>
    /// Turns one prepared operator into layers (kernel calls with constant params) or views.
    /// Several lowerings may serve one op (one per type path); each returns false for operators whose
    /// types it does not handle, and the next is asked. None accepting is error MCUAI6001.
    /// </summary>
    public interface ILowering
    {
        bool TryLower(LoweringContext context);
    }
}
