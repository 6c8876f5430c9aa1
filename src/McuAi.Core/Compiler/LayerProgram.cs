using System.Collections.Generic;
using McuAi.TfLite;

namespace McuAi.Compiler
{
    /// <summary>
    /// A model lowered for the C runtime: the kernel calls in execution order, every constant they read,
    /// and which tensors are views of others (RESHAPE and other pure views cost nothing at run time).
    /// Built by <see cref="ModelLowering"/>; placed in memory by <see cref="MemoryPlanner"/>; turned into
    /// C by <see cref="CEmitter"/>. Nothing here is C text: values are typed, the emitter spells them.
    /// </summary>
    public sealed class LayerProgram
    {
        internal LayerProgram(Model model, string symbol, IReadOnlyList<Layer> layers, IReadOnlyList<ConstantArray> constants,
            IReadOnlyDictionary<int, ConstantArray> tensorConstants, IReadOnlyDictionary<int, int> aliases, IReadOnlyList<int> inputs, IReadOnlyList<int> outputs)
        {
            Model = model;
            Symbol = symbol;
            Layers = layers;
            Constants = constants;
            TensorConstants = tensorConstants;
            Aliases = aliases;
            Inputs = inputs;
            Outputs = outputs;
        }

        public Model Model { get; }

        /// <summary>The C symbol that prefixes every generated name.</summary>
        public string Symbol { get; }

        /// <summary>The kernel calls, in execution order.</summary>
        public IReadOnlyList<Layer> Layers { get; }

        /// <summary>Constant arrays the layers' params point to (weights, biases, multipliers, tables).</summary>
        public IReadOnlyList<ConstantArray> Constants { get; }

        /// <summary>Constant tensors read as tensors (layer inputs): root tensor index → its array (also in <see cref="Constants"/>).</summary>
        public IReadOnlyDictionary<int, ConstantArray> TensorConstants { get; }

        /// <summary>Tensor index → the tensor whose bytes it shares (a view: RESHAPE, SQUEEZE, ...), resolved to the root.</summary>
        public IReadOnlyDictionary<int, int> Aliases { get; }

        /// <summary>The model's input and output tensor indices.</summary>
        public IReadOnlyList<int> Inputs { get; }
        public IReadOnlyList<int> Outputs { get; }

        /// <summary>The tensor whose storage <paramref name="tensor"/> uses (itself when it is not a view).</summary>
        public int Root(int tensor) => Aliases.TryGetValue(tensor, out int root) ? root : tensor;

        /// <summary>True when the tensor (or the tensor it views) holds constant data from the model.</summary>
        public bool IsConstant(int tensor) => Model.IsConstant(Model.MainSubgraph.Tensors[Root(tensor)]);

        /// <summary>The names of the C runtime kernels the layers call (file base names, e.g. mcuai_conv2d_s8), sorted, each once.</summary>
        public IReadOnlyList<string> Kernels
        {
            get
            {
                var set = new SortedSet<string>(System.StringComparer.Ordinal);
                foreach (var layer in Layers) set.Add(layer.Kernel);
                return new List<string>(set);
            }
        }
    }
}
