using System.CommandLine;

namespace McuAi.Cli.Commands
{
    /// <summary>
    /// One sub-command of <c>mcuai</c>. <see cref="Program"/> finds every implementation in this
    /// assembly, so adding a command is adding one file.
    /// </summary>
    public interface ICliCommand
    {
        Command Create();
    }
}
