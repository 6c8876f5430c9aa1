using System;
using System.CommandLine;
using System.CommandLine.Invocation;
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
            var parse = root.Parse(args);
            // Option errors get a code and one short line each, not the whole help (--help still shows it).
            if (parse.Action is ParseErrorAction) return CommandLineErrors.Report(parse);
            return parse.Invoke();
        }
    }
}
