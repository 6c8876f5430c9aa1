namespace McuAi.CodeGen
{
    /// <summary>One generated output: a path relative to the output folder, and its exact bytes.</summary>
    public sealed class GeneratedFile
    {
        public GeneratedFile(string relativePath, byte[] content)
        {
            RelativePath = relativePath;
            Content = content;
        }

        public string RelativePath { get; }
        public byte[] Content { get; }
    }
}
