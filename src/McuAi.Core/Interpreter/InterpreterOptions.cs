namespace McuAi.Interpreter
{
    /// <summary>How <see cref="ModelInterpreter"/> treats models that TFLM itself would refuse.</summary>
    public sealed class InterpreterOptions
    {
        /// <summary>
        /// Run hybrid models (float activations, int8 weights) in float with the weights dequantized,
        /// with a warning (MCUAI1001). TFLM cannot run them; quantization still needs to.
        /// Without this, such a model is a coded error.
        /// </summary>
        public bool AllowHybrid { get; set; }
    }
}
