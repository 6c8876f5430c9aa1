using System;
using System.CommandLine;
using System.Linq;
using McuAi.Cli.Commands;

namespace McuAi.Cli
{
    /// <summary>Entry point of the <c>mcuai</c> command.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var root = new RootCommand("mcuai: analyze, run, generate and quantize TensorFlow Lite models for microcontrollers.");
            var commands = typeof(Program).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(ICliCommand).IsAssignableFrom(t))
                .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Create())
                .OrderBy(c => c.Name, StringComparer.Ordinal);
            foreach (var command in commands) root.Subcommands.Add(command);
            return root.Parse(args).Invoke();
        }
    }
}
