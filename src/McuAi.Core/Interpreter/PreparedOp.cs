namespace McuAi.Interpreter
{
    /// <summary>
    /// An operator after its Prepare step: everything that does not depend on the data (multipliers,
    /// shifts, padding, output shapes) is computed and held in fields, as a code generator would emit it.
    /// <see cref="Eval"/> only computes.
    /// </summary>
    public abstract class PreparedOp
    {
        /// <summary>Index of the operator in subgraph 0 (set by the interpreter).</summary>
        public int OperatorIndex { get; internal set; }

        /// <summary><c>CONV_2D</c>, or <c>CUSTOM:&lt;name&gt;</c> (set by the interpreter).</summary>
        public string OpName { get; internal set; } = "";

        /// <summary>Runs the operator on the current contents of its tensors.</summary>
        public abstract void Eval();

        /// <summary>
        /// Returns state the operator keeps between invocations outside tensors (TFLM's Reset, for
        /// instance the noise estimate of spectral subtraction) to its value after Prepare. Most ops keep none.
        /// </summary>
        public virtual void ResetState()
        {
        }
    }

    /// <summary>A kernel: validates an operator and prepares it for evaluation.</summary>
    public interface IKernel
    {
        PreparedOp Prepare(PrepareContext context);
    }
}
