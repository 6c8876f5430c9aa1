namespace McuAi.Interpreter
{
    /// <summary>
    /// An operator after its Prepare step: everything that does not depend on the data (multipliers,
    /// shifts, padding, output shapes) is computed and held in fields, as a code generator would emit it.
    /// <see cref="Eval"/> only computes.
    /// </summary>
    public abstract class PreparedOp
    {
        /// <summary>Runs the operator on the current contents of its tensors.</summary>
        public abstract void Eval();
    }

    /// <summary>A kernel: validates an operator and prepares it for evaluation.</summary>
    public interface IKernel
    {
        PreparedOp Prepare(PrepareContext context);
    }
}
