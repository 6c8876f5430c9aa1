using System;

namespace McuAi.Cli
{
    /// <summary>Entry point of the <c>mcuai</c> command (the commands are added by the foundation work).</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            Console.Error.WriteLine("mcuai: no command yet");
            return 2;
        }
    }
}
