using System;
using System.Collections.Generic;

namespace McuAi.Compiler
{
    /// <summary>
    /// A value of a params field, typed so that the lowering never writes C: the emitter spells it
    /// (an integer, a float, a fixed-size integer array, a pointer to a constant array, NULL, or a table of
    /// tensor pointers that the memory plan resolves).
    /// </summary>
    public abstract class ParamValue
    {
        private ParamValue()
        {
        }

        public static ParamValue Of(long value) => new Integer(value);
        public static ParamValue Of(bool value) => new Integer(value ? 1 : 0);
        public static ParamValue Of(float value) => new Real(value);
        public static ParamValue Of(ConstantArray array) => new ArrayPointer(array ?? throw new ArgumentNullException(nameof(array)));
        /// <summary>A fixed-size array member (e.g. <c>int32_t dims[MCUAI_MAX_DIMS]</c>); missing trailing entries are 0.</summary>
        public static ParamValue Of(IReadOnlyList<int> values) => new Integers(values);
        /// <summary>Pointers to the data of these tensors, in order (a table the emitter places in flash).</summary>
        public static ParamValue TensorPointers(IReadOnlyList<int> tensorIndices) => new TensorTable(tensorIndices);
        public static readonly ParamValue Null = new NullPointer();
        /// <summary>A nested struct member, initialised field by field.</summary>
        public static ParamValue Struct(params ParamField[] fields) => new Nested(fields);

        public sealed class Nested : ParamValue
        {
            internal Nested(IReadOnlyList<ParamField> fields) => Fields = fields;
            public IReadOnlyList<ParamField> Fields { get; }
        }

        public sealed class Integer : ParamValue
        {
            internal Integer(long value) => Value = value;
            public long Value { get; }
        }

        public sealed class Real : ParamValue
        {
            internal Real(float value) => Value = value;
            public float Value { get; }
        }

        public sealed class Integers : ParamValue
        {
            internal Integers(IReadOnlyList<int> values) => Values = values;
            public IReadOnlyList<int> Values { get; }
        }

        public sealed class ArrayPointer : ParamValue
        {
            internal ArrayPointer(ConstantArray array) => Array = array;
            public ConstantArray Array { get; }
        }

        public sealed class TensorTable : ParamValue
        {
            internal TensorTable(IReadOnlyList<int> tensors) => Tensors = tensors;
            public IReadOnlyList<int> Tensors { get; }
        }

        public sealed class NullPointer : ParamValue
        {
            internal NullPointer()
            {
            }
        }
    }
}
