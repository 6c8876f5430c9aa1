namespace McuAi.Quantization
{
    /// <summary>A progress report: the phase and how far it is (the MSBuild task logs every 10%, the CLI draws a bar).</summary>
    public readonly struct QuantizationProgress
    {
        public QuantizationProgress(string phase, int done, int total)
        {
            Phase = phase;
            Done = done;
            Total = total;
        }

        /// <summary>"calibrate", "quantize", "validate", "write".</summary>
        public string Phase { get; }
        public int Done { get; }
        public int Total { get; }
        public double Fraction => Total == 0 ? 1 : (double)Done / Total;
    }
}
