using System.Collections.Generic;

namespace McuAi.Interpreter
{
    /// <summary>
    /// Sees every operator's outputs right after it ran, while their memory still holds them (the
    /// planner reuses activation memory for later operators). Calibration reads activations here.
    /// </summary>
    public interface IInvokeObserver
    {
        void OnOperatorEvaluated(int operatorIndex, IReadOnlyList<RuntimeTensor> outputs);
    }
}
