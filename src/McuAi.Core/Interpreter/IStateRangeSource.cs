using System.Collections.Generic;

namespace McuAi.Interpreter
{
    /// <summary>
    /// An operator that updates a state tensor several times within one invocation (an LSTM's cell state,
    /// once per time step) and keeps the range of every value the state took since the last reset.
    /// Calibration needs that range; the tensor's contents after the invocation show only the last step.
    /// </summary>
    public interface IStateRangeSource
    {
        /// <summary>Each state tensor (by index in subgraph 0) with the smallest and largest value since the last reset; none before the first step.</summary>
        IEnumerable<(int TensorIndex, float Min, float Max)> StateRanges { get; }
    }
}
