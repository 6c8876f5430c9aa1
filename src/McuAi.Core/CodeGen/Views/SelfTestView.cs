namespace McuAi.CodeGen.Views
{
    /// <summary>What the self-test templates render (selftest.h.scriban, selftest.c.scriban); the C text of the data is computed by <see cref="SelfTestGenerator"/>.</summary>
    public sealed class SelfTestView
    {
        public string Symbol { get; internal set; } = "";
        public string Guard { get; internal set; } = "";
        public string Banner { get; internal set; } = "";
        public string SourceComment { get; internal set; } = "";
        public string ModelHeader { get; internal set; } = "";
        public int Count { get; internal set; }
        public int InputBytes { get; internal set; }
        public int OutputBytes { get; internal set; }
        public long InputArrayBytes { get; internal set; }
        public long OutputArrayBytes { get; internal set; }
        public string InputData { get; internal set; } = "";
        public string OutputData { get; internal set; } = "";
        public bool HasFloatOutputs { get; internal set; }
        public bool HasIntegerOutputs { get; internal set; }
        public string FloatTolerances { get; internal set; } = "";
        public string ToleranceText { get; internal set; } = "";
        public string LoadStatements { get; internal set; } = "";
        public string CheckStatements { get; internal set; } = "";
    }
}
