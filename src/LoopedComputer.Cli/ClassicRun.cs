using System.CommandLine;
using LoopedComputer.Assembly;
using LoopedComputer.Assembly.Classic;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>
/// `looped run --classic image.txt` (and `verify --classic`, `interp --classic`): a classic SUBLEQ
/// memory image run by the emulator program programs/classic/subleq.lasm, assembled for the image's size.
/// </summary>
static class ClassicRun
{
    /// <summary>--classic and --memory, which interp, run and verify take alike.</summary>
    internal sealed record Options(Option<bool> Classic, Option<int?> Memory)
    {
        public static Options Create() => new(
            new Option<bool>("--classic")
            {
                Description = "the file is a classic SUBLEQ memory image (whitespace-separated words, # comments, labels; see docs/classic-subleq.md), run by the SUBLEQ emulator program",
            },
            new Option<int?>("--memory")
            {
                Description = $"with --classic: the emulator's memory in words, zero-padded past the image (default: the image's size; at most {ClassicEmulator.MaxWords:N0})",
            });

        public void AddTo(Command command)
        {
            command.Options.Add(Classic);
            command.Options.Add(Memory);
        }

        /// <summary>Whether the file is a classic image; --memory without --classic, or below one word, is a usage error.</summary>
        public bool Given(ParseResult parse)
        {
            bool classic = parse.GetValue(Classic);
            if (parse.GetValue(Memory) is int words && (!classic || words < 1))
                throw new CliException(classic ? $"--memory must be at least 1 word; got {words}" : "--memory sizes the emulator of a classic image; add --classic", ExitCodes.UsageError);
            return classic;
        }
    }

    public static FileInfo SingleImage(FileInfo[] files) =>
        files.Length == 1 ? files[0] : throw new CliException("--classic runs one image; give one file", ExitCodes.UsageError);

    /// <summary>The emulator for the image file (memory: the image's size, or <paramref name="words"/>) and its memory with the image loaded, or a one-line error per problem.</summary>
    public static (Program Emulator, ClassicImage Image, long[] Memory) Load(FileInfo imageFile, int? words)
    {
        if (!imageFile.Exists) throw new CliException($"{imageFile.FullName}: no such file");
        var (image, diagnostics) = ClassicImage.Parse(File.ReadAllText(imageFile.FullName), imageFile.FullName);
        if (image is null) throw new CliException(Diagnostic.FormatAll(diagnostics));
        try
        {
            var emulator = ClassicEmulator.ForImage(Path.Combine(AppContext.BaseDirectory, "programs"), image, words);
            var memory = ClassicEmulator.Load(emulator, image);
            int size = emulator.FindCell("image")!.Length;
            Console.WriteLine($"classic SUBLEQ image {imageFile.Name}: {image.Words.Count} words{(size > image.Words.Count ? $" in a memory of {size}" : "")}, run by {ClassicEmulator.ProgramPath}");
            return (emulator, image, memory);
        }
        catch (InputException e)
        {
            throw new CliException($"{imageFile.Name}: {e.Message}");
        }
    }

    public static int Run(ParseResult parse, TransformerCommands.Common common, Options classic, FileInfo imageFile, bool verify)
    {
        if (parse.GetValue(common.Set) is { Length: > 0 }) throw new CliException("--classic takes its input from the image; --set does not apply (edit the image's data words)", ExitCodes.UsageError);
        if (LoopedComputer.Cli.Options.FirstGiven(parse, common.Bits, common.Isa) is { } fixedByEmulator)
            throw new CliException($"{fixedByEmulator.Name} does not apply to --classic: the emulator program fixes its word width and instruction set; leave it out", ExitCodes.UsageError);
        var (emulator, image, memory) = Load(imageFile, parse.GetValue(classic.Memory));
        long maxSteps = parse.GetValue(common.MaxSteps);
        if (verify) MachineRunner.RequireHalt(emulator, memory, maxSteps);
        using var session = common.Open(parse, emulator, Console.Out);
        if (verify)
        {
            var result = MachineRunner.Verify(session, memory, maxSteps, parse.GetValue(common.Progress)!, $"verifying {imageFile.Name}");
            if (result.Divergence is not null) return ExitCodes.Diverged;
            if (result.Status == RunStatus.StepLimit)
                throw new CliException($"no divergence in {result.Steps:N0} loops, but the image did not halt; raise --max-steps", ExitCodes.StepLimit);
            Console.WriteLine($"verified: the emulator's PC and all {emulator.MemorySize} cells equal the interpreter's after each of {result.Steps:N0} loops");
            return ExitCodes.Success;
        }
        var run = ProgressDisplay.Run(parse.GetValue(common.Progress)!, false, imageFile.Name, 1,
            report => session.Run(memory, maxSteps, progress: p => report(p.Loops, p.Halted)));
        if (run.Status == RunStatus.StepLimit)
            throw new CliException($"the image did not halt within {run.Loops:N0} loops; raise --max-steps if it needs longer", ExitCodes.StepLimit);
        return Report(emulator, image, run.Memory, $"{run.Loops:N0} loops in {run.Elapsed.TotalSeconds:F3} s");
    }

    /// <summary>Prints what the image output, its final memory and labelled words, and how it ended (exit 4 unless it halted).</summary>
    public static int Report(Program emulator, ClassicImage image, IReadOnlyList<long> memory, string how)
    {
        var outcome = ClassicEmulator.Read(emulator, memory, image.Words.Count);
        Console.WriteLine($"output: {string.Join(" ", outcome.Output)}{(outcome.OutputCount > outcome.Output.Count ? $" … ({outcome.OutputCount} values; the emulator keeps the first {outcome.Output.Count})" : "")}");
        Console.WriteLine($"memory: {string.Join(" ", outcome.Memory)}");
        foreach (var (name, address) in image.Labels.OrderBy(l => l.Value).Where(l => l.Value < outcome.Memory.Count))
            Console.WriteLine($"  {name} = {outcome.Memory[address]}");
        Console.WriteLine($"{Describe(outcome.Status)} after {outcome.Steps:N0} classic instructions, {how}");
        return outcome.Status == ClassicStatus.Halted ? ExitCodes.Success : ExitCodes.ExpectationFailed;
    }

    static string Describe(ClassicStatus status) => status switch
    {
        ClassicStatus.Halted => "halted (jump to a negative address)",
        ClassicStatus.RanOffImage => "stopped: the program counter ran past the image",
        _ => "stopped: an operand was not an address of the image (input, a = -1, is not supported)",
    };
}
