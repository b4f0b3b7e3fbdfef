using System.CommandLine;

namespace LoopedComputer.Cli;

/// <summary>Arguments and options shared by several commands, so they read the same everywhere.</summary>
static class Options
{
    public static Argument<FileInfo> ProgramFile() => new("program") { Description = "a .lasm program" };

    public static Option<string[]> Set() => new("--set", "-s")
    {
        Description = "set an input cell: name=value, name=[v1,v2,...] or name[i]=value (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<long> MaxSteps() => new("--max-steps")
    {
        Description = "stop with an error after this many steps",
        DefaultValueFactory = _ => 10_000_000,
    };

    public static Option<int?> Bits() => new("--bits")
    {
        Description = "override the program's word width N (2..64 bits)",
    };
}
