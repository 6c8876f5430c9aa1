using McuAi.Tests.Infrastructure;
using Xunit;

namespace McuAi.Tests.Cli
{
    /// <summary>Mistakes on the command line: one coded line each on stderr and exit code 1, not the whole help.</summary>
    public class CommandLineErrorTests
    {
        [Theory]
        [InlineData("error MCUAI4012: cannot read '2147483648' for option '--alignment': expected a whole number from -2147483648 to 2147483647; see 'mcuai generate --help'.",
            "generate", "m.tflite", "--out", "out", "--alignment", "2147483648")]
        [InlineData("error MCUAI4012: cannot read '' for option '--out': expected a folder path; see 'mcuai generate --help'.", "generate", "m.tflite", "--out", "")]
        [InlineData("error MCUAI4012: Option '--out' is required; see 'mcuai generate --help'.", "generate", "m.tflite")]
        [InlineData("error MCUAI4012: Argument 'cmsis' not recognized. Must be one of: 'reference' 'cmsis-nn'; see 'mcuai analyze --help'.", "analyze", "m.tflite", "--kernels", "cmsis")]
        [InlineData("error MCUAI4012: cannot read 'high' for option '--min-cosine': expected a number such as 0.99; see 'mcuai quantize --help'.",
            "quantize", "m.tflite", "--out", "q.tflite", "--min-cosine", "high")]
        [InlineData("error MCUAI4012: --repeat must be at least 1; see 'mcuai run --help'.", "run", "m.tflite", "--input", "in.bin", "--repeat", "0")]
        [InlineData("error MCUAI4012: Required command was not provided; see 'mcuai --help'.")]
        public void An_option_error_is_one_coded_line_without_the_help(string expected, params string[] args)
        {
            var (exit, stdout, stderr) = McuaiProcess.Run(args);
            Assert.Equal(1, exit);
            Assert.Equal("", stdout);
            Assert.Equal(expected, stderr.Trim());
        }

        [Fact]
        public void Help_is_still_there_when_asked_for()
        {
            var (exit, stdout, stderr) = McuaiProcess.Run("generate", "--help");
            Assert.Equal(0, exit);
            Assert.Equal("", stderr);
            Assert.Contains("--arena-size", stdout);
        }
    }
}
