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

    public static Option<string?> Isa() => new("--isa")
    {
        Description = "expand pseudo-instructions to subleq or fleq, overriding the program's .subleq",
    };

    public static Option<string> Machine() => new("--machine", "-m")
    {
        Description = $"the machine: {string.Join(", ", LoopedComputer.Compiler.Machines.MachineCatalog.Names)}",
        DefaultValueFactory = _ => LoopedComputer.Compiler.Machines.MachineCatalog.Default,
    };

    public static Option<string> Dtype() => new("--dtype")
    {
        Description = "number format of the state and weights: float32 or float64",
        DefaultValueFactory = _ => "float32",
    };

    public static Option<double?> Lambda() => new("--lambda")
    {
        Description = "inverse softmax temperature λ (default: the safe bound plus a margin; lower than the bound is refused)",
    };

    public static Option<string> Mixer() => new("--mixer")
    {
        Description = "what fills the attention slots: softmax (faithful, O(n²) per loop) or linear (exact, O(n) per loop)",
        DefaultValueFactory = _ => "softmax",
    };

    /// <summary>Parses a --mixer value; an unknown one is refused with the choices.</summary>
    public static LoopedComputer.Compiler.Machines.MixerKind ParseMixer(string name) => name.ToLowerInvariant() switch
    {
        "softmax" => LoopedComputer.Compiler.Machines.MixerKind.Softmax,
        "linear" => LoopedComputer.Compiler.Machines.MixerKind.Linear,
        _ => throw new CliException($"unknown mixer '{name}'; mixers: softmax, linear"),
    };

    public static Option<string> Device() => new("--device")
    {
        Description = "cpu, cuda or auto",
        DefaultValueFactory = _ => "cpu",
    };
}
