using System.CommandLine;
using System.CommandLine.Parsing;
using LoopedComputer.Machines;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>
/// Arguments and options shared by several commands, so they read the same everywhere. Values the
/// parser can judge are checked as they are parsed, so a bad one is a usage error (exit 2) with the
/// accepted values, before anything runs.
/// </summary>
static class Options
{
    public static Argument<FileInfo> ProgramFile() => new Argument<FileInfo>("program") { Description = "a .lasm program" }.NotAnOption();

    /// <summary>A token such as --frobnicate that landed in a file argument is an unknown option, not a missing file.</summary>
    public static Argument<T> NotAnOption<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value[0] == '-' && !File.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
        });
        return argument;
    }

    /// <summary>The first of <paramref name="options"/> the user typed (not merely defaulted), or null.</summary>
    public static Option? FirstGiven(ParseResult parse, params Option[] options) =>
        options.FirstOrDefault(option => parse.GetResult(option) is { Implicit: false });

    /// <summary>Adds a check of the parsed value; <paramref name="problem"/> returns what is wrong, or null.</summary>
    public static Option<T> Check<T>(this Option<T> option, Func<T, string?> problem)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // the token is not a value of this type at all: the parser reports that itself
            }
            if (problem(value) is { } message) result.AddError($"{option.Name}: {message}");
        });
        return option;
    }

    /// <summary>Accepts only <paramref name="choices"/> (any case); <paramref name="noun"/> names what a value is.</summary>
    public static Option<string> OneOf(this Option<string> option, string noun, params string[] choices) =>
        option.OneOf(noun, StringComparer.OrdinalIgnoreCase, choices);

    public static Option<string> OneOf(this Option<string> option, string noun, StringComparer comparer, params string[] choices) =>
        option.Check(value => choices.Contains(value, comparer) ? null : $"unknown {noun} '{value}'; use {Join(choices)}");

    public static Option<int> AtLeast(this Option<int> option, int least) =>
        option.Check(value => value >= least ? null : $"must be at least {least:N0}; got {value:N0}");

    public static Option<long> AtLeast(this Option<long> option, long least) =>
        option.Check(value => value >= least ? null : $"must be at least {least:N0}; got {value:N0}");

    static string Join(IReadOnlyList<string> choices) =>
        choices.Count == 1 ? choices[0] : $"{string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}";

    public static Option<string[]> Set() => new("--set", "-s")
    {
        Description = "set an input cell: name=value, name=[v1,v2,...] (the whole array) or name[i]=value (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<long> MaxSteps(long byDefault = 10_000_000) => new Option<long>("--max-steps")
    {
        Description = "stop with an error after this many steps",
        DefaultValueFactory = _ => byDefault,
    }.AtLeast(1);

    public static Option<int?> Bits() => new Option<int?>("--bits")
    {
        Description = $"override the program's word width N ({WordFormat.MinBits}..{WordFormat.MaxBits} bits)",
    }.Check(bits => bits is null or (>= WordFormat.MinBits and <= WordFormat.MaxBits) ? null : $"must be {WordFormat.MinBits}..{WordFormat.MaxBits} bits; got {bits}");

    public static Option<string?> Isa() => new Option<string?>("--isa")
    {
        Description = "expand pseudo-instructions to subleq or fleq, overriding the program's .subleq",
    }.Check(isa => isa is null || isa.Equals("subleq", StringComparison.OrdinalIgnoreCase) || isa.Equals("fleq", StringComparison.OrdinalIgnoreCase)
        ? null : $"unknown instruction set '{isa}'; use subleq or fleq");

    public static Option<string> Machine() => new Option<string>("--machine", "-m")
    {
        Description = $"the machine: {Join(MachineCatalog.Names)}",
        DefaultValueFactory = _ => MachineCatalog.Default.Name,
    }.OneOf("machine", StringComparer.Ordinal, [.. MachineCatalog.Names]); // names are exact: the catalogue compares them so

    /// <summary>The --dtype value that picks the narrowest exact format for the program.</summary>
    public const string AutomaticDtype = "auto";

    public static Option<string> Dtype() => new Option<string>("--dtype")
    {
        Description = "number format of the state and weights: auto (the narrowest that is exact for the program), float32 or float64",
        DefaultValueFactory = _ => AutomaticDtype,
    }.OneOf("dtype", AutomaticDtype, "float32", "float64");

    /// <summary>The format a --dtype value names; null for auto.</summary>
    public static NumberFormat? ParseDtype(string name) =>
        name.Equals(AutomaticDtype, StringComparison.OrdinalIgnoreCase) ? null : NumberFormats.Parse(name);

    public static Option<double?> Lambda() => new("--lambda")
    {
        Description = "inverse softmax temperature λ (default: the safe bound plus a margin; below the bound, above the dtype's ceiling or NaN is refused)",
        // The invariant culture and no group separators: "1,5" is not 15.
        CustomParser = result =>
        {
            string token = result.Tokens.Single().Value;
            if (double.TryParse(token, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)) return value;
            result.AddError($"--lambda: '{token}' is not a number (write it as 12.5 or 1e3)");
            return null;
        },
    };

    public static Option<string> Mixer() => new Option<string>("--mixer")
    {
        Description = "what fills the attention slots: softmax (faithful, O(n²) per loop) or linear (exact, O(n) per loop)",
        DefaultValueFactory = _ => "softmax",
    }.OneOf("mixer", "softmax", "linear");

    /// <summary>Parses a --mixer value (already checked by the parser).</summary>
    public static MixerKind ParseMixer(string name) => name.ToLowerInvariant() switch
    {
        "softmax" => MixerKind.Softmax,
        "linear" => MixerKind.Linear,
        _ => throw new CliException($"--mixer: unknown mixer '{name}'; use softmax or linear", ExitCodes.UsageError),
    };

    public static Option<string> Device() => new Option<string>("--device")
    {
        Description = "cpu, cuda or auto",
        DefaultValueFactory = _ => "cpu",
    }.OneOf("device", "cpu", "cuda", "auto");

    public static Option<string> Engine() => new Option<string>("--engine")
    {
        Description = "what runs the loop: native (plain C#, CPU only), torch (libtorch) or auto (torch on CUDA and for float16/bfloat16, native on the CPU)",
        DefaultValueFactory = _ => "auto",
    }.OneOf("engine", "auto", "native", "torch");

    /// <summary>The --threads value that lets the engine choose.</summary>
    public const string AutomaticThreads = "auto";

    public static Option<string> Threads() => new Option<string>("--threads")
    {
        Description = $"CPU threads of the tensor kernels: auto (1, or every core for machines wide enough to gain from them) or 1..{Environment.ProcessorCount} (the cores of this computer)",
        DefaultValueFactory = _ => AutomaticThreads,
    }.Check(value => value.Equals(AutomaticThreads, StringComparison.OrdinalIgnoreCase) || int.TryParse(value, out int n) && n >= 1 && n <= Environment.ProcessorCount
        ? null : $"give auto or a count from 1 to {Environment.ProcessorCount} (this computer's cores; more threads than cores only wait on each other); got '{value}'");

    /// <summary>The thread count a --threads value names; null for auto.</summary>
    public static int? ParseThreads(string value) =>
        value.Equals(AutomaticThreads, StringComparison.OrdinalIgnoreCase) ? null : int.Parse(value);
}
