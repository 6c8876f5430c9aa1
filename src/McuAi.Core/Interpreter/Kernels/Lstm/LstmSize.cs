namespace McuAi.Interpreter.Kernels
{
    /// <summary>
    /// The dimensions of an UNIDIRECTIONAL_SEQUENCE_LSTM (TFLM's LstmSizeInfo) and the order in which
    /// its kernel walks them. Time-major input [T, B, I] is processed one time step at a time for all
    /// B sequences together (each step a batch of B); batch-major input [B, T, I] one sequence after
    /// the other, one time step of one sequence per step, each sequence with its own rows of the states.
    /// </summary>
    public readonly struct LstmSize
    {
        public LstmSize(bool timeMajor, int batches, int timeSteps, int inputSize, int stateSize)
        {
            TimeMajor = timeMajor;
            Batches = batches;
            TimeSteps = timeSteps;
            InputSize = inputSize;
            StateSize = stateSize;
        }

        public bool TimeMajor { get; }
        public int Batches { get; }
        public int TimeSteps { get; }
        /// <summary>Values per input vector (the input's last dimension).</summary>
        public int InputSize { get; }
        /// <summary>Cells: the size of the hidden and cell state of one sequence.</summary>
        public int StateSize { get; }

        /// <summary>Rows computed together in one step: B when time-major, else 1.</summary>
        public int RowsPerStep => TimeMajor ? Batches : 1;

        /// <summary>Steps of one invocation: T (time-major) or B × T.</summary>
        public int StepCount => Batches * TimeSteps / RowsPerStep;

        /// <summary>Offset of step <paramref name="step"/>'s rows in the input.</summary>
        public int InputOffset(int step) => step * RowsPerStep * InputSize;

        /// <summary>Offset of step <paramref name="step"/>'s rows in the output.</summary>
        public int OutputOffset(int step) => step * RowsPerStep * StateSize;

        /// <summary>Offset of the state rows step <paramref name="step"/> reads and updates.</summary>
        public int StateOffset(int step) => TimeMajor ? 0 : step / TimeSteps * StateSize;

        /// <summary>Elements of one step's gate vectors (and state rows).</summary>
        public int StepStateLength => RowsPerStep * StateSize;
    }
}
