using System.Collections.Generic;

namespace McuAi.Compiler
{
    /// <summary>
    /// One call of a C runtime kernel: <c>Function(&amp;params, inputs..., outputs..., scratch)</c>, where
    /// params is a constant struct of type <see cref="ParamsType"/> whose fields are all prepared at build time.
    /// Inputs and outputs are tensor indices; the memory plan decides where they live.
    /// </summary>
    public sealed class Layer
    {
        internal Layer(int operatorIndex, string opName, string kernel, string function, string paramsType,
            IReadOnlyList<ParamField> fields, IReadOnlyList<int> inputs, IReadOnlyList<int> outputs, int scratchBytes, int? inPlaceInput)
        {
            OperatorIndex = operatorIndex;
            OpName = opName;
            Kernel = kernel;
            Function = function;
            ParamsType = paramsType;
            Params = fields;
            Inputs = inputs;
            Outputs = outputs;
            ScratchBytes = scratchBytes;
            InPlaceInput = inPlaceInput;
        }

        /// <summary>The model operator this layer computes.</summary>
        public int OperatorIndex { get; }
        public string OpName { get; }

        /// <summary>The runtime file pair that implements it (<c>mcuai_conv2d_s8</c> → .c and .h).</summary>
        public string Kernel { get; }

        /// <summary>The C function called.</summary>
        public string Function { get; }

        /// <summary>The C struct type of the params (declared in the kernel's header).</summary>
        public string ParamsType { get; }

        public IReadOnlyList<ParamField> Params { get; }

        /// <summary>Tensor indices passed as input pointers, in argument order (activations or constant tensors).</summary>
        public IReadOnlyList<int> Inputs { get; }

        /// <summary>Tensor indices passed as output pointers, after the inputs.</summary>
        public IReadOnlyList<int> Outputs { get; }

        /// <summary>Bytes of scratch memory the call needs (passed last when non-zero); alive only during the call.</summary>
        public int ScratchBytes { get; }

        /// <summary>
        /// Index into <see cref="Inputs"/> of an input the kernel may overwrite with its (single, same-sized)
        /// output: element i is read before element i is written. The planner uses it when that input dies here.
        /// </summary>
        public int? InPlaceInput { get; }
    }

    /// <summary>One field of a layer's params struct (designated initializer <c>.Name = value</c>).</summary>
    public sealed class ParamField
    {
        public ParamField(string name, ParamValue value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public ParamValue Value { get; }
    }
}
