using System;
using McuAi.TfLite;

namespace McuAi.Interpreter
{
    /// <summary>
    /// Marks an <see cref="IKernel"/> class as the implementation of a builtin op (or a custom op by name).
    /// The registry finds kernels by this attribute, so adding a kernel is adding one file.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
    public sealed class KernelForAttribute : Attribute
    {
        public KernelForAttribute(BuiltinOperator op) => Op = op;

        public KernelForAttribute(string customCode)
        {
            Op = BuiltinOperator.CUSTOM;
            CustomCode = customCode;
        }

        public BuiltinOperator Op { get; }
        public string? CustomCode { get; }
    }
}
