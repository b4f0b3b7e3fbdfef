using System.CommandLine;
using LoopedComputer.Assembly;
using LoopedComputer.Assembly.Classic;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Machines.Classic;

namespace LoopedComputer.Cli;

/// <summary>
/// `--classic IMAGE` on run, verify, trace, show and export (and interp): a classic SUBLEQ memory
/// image, run natively on the machine that runs images (one loop per instruction; on interp, by the
/// classic reference interpreter), or with --emulator by the emulator program
/// programs/classic/subleq.lasm, assembled for the image's size.
/// </summary>
static class ClassicRun
{
    /// <summary>The image's word width unless --bits gives one: the emulator's, and anadim's.</summary>
    const int DefaultWordBits = 16;

    /// <summary>--classic, --memory, --emulator and --saturate.</summary>
    internal sealed record Options(Option<bool> Classic, Option<int?> Memory, Option<bool> Emulator, Option<bool> Saturate)
    {
        public static Options Create() => new(
            new Option<bool>("--classic")
            {
                Description = "the file is a classic SUBLEQ memory image (whitespace-separated words, # comments, labels; see docs/classic-subleq.md), " +
                    "run natively on the classic machine, one loop per instruction (--emulator: by the SUBLEQ emulator program)",
            },
            new Option<int?>("--memory")
            {
                Description = $"with --classic: the memory in words, zero-padded past the image (default: the image's size; the emulator holds at most {ClassicEmulator.MaxWords:N0})",
            },
            new Option<bool>("--emulator")
            {
                Description = "with --classic: run the image by the SUBLEQ emulator program (a FLEQ program, about 33 loops per instruction, 16-bit words) on --machine (default fleq)",
            },
            new Option<bool>("--saturate")
            {
                Description = "with --classic: the difference clamps to the word's range instead of wrapping (anadim's interpreter clamps to 16 bits)",
            });

        /// <summary>Adds the options.</summary>
        public void AddTo(Command command)
        {
            command.Options.Add(Classic);
            command.Options.Add(Memory);
            command.Options.Add(Emulator);
            command.Options.Add(Saturate);
        }

        /// <summary>Whether the file is a classic image; the other options without --classic, --memory below one word, or --saturate on the emulator are usage errors.</summary>
        public bool Given(ParseResult parse)
        {
            bool classic = parse.GetValue(Classic);
            if (parse.GetValue(Memory) is int words && (!classic || words < 1))
                throw new CliException(classic ? $"--memory must be at least 1 word; got {words}" : "--memory sizes the memory of a classic image; add --classic", ExitCodes.UsageError);
            if (!classic && LoopedComputer.Cli.Options.FirstGiven(parse, Emulator, Saturate) is { } alone)
                throw new CliException($"{alone.Name} applies to a classic image; add --classic", ExitCodes.UsageError);
            if (parse.GetValue(Emulator) && parse.GetValue(Saturate))
                throw new CliException("--saturate: the emulator program wraps; leave out --emulator to run the saturating image on the classic machine", ExitCodes.UsageError);
            return classic;
        }

        /// <summary>Whether the image runs on the emulator program rather than natively.</summary>
        public bool OnEmulator(ParseResult parse) => parse.GetResult(Emulator) is not null && parse.GetValue(Emulator);
    }

    /// <summary>The image's words and labels, or a one-line error per problem.</summary>
    static ClassicImage Parse(FileInfo imageFile)
    {
        if (!imageFile.Exists) throw new CliException($"{imageFile.FullName}: no such file");
        var (image, diagnostics) = ClassicImage.Parse(File.ReadAllText(imageFile.FullName), imageFile.FullName);
        return image ?? throw new CliException(Diagnostic.FormatAll(diagnostics));
    }

    /// <summary>The largest memory a native image may ask for: what its words address, and no more than a state this tool can hold.</summary>
    const int MaxMemoryWords = 1 << 24;

    static int MaxNativeWords(int wordBits) =>
        (int)Math.Min(MaxMemoryWords, ClassicDefinition.Instance.MaxColumns(wordBits) - 1L - ClassicSubleq.DefaultOutputSlots - 1);

    /// <summary>
    /// The image as a program of classic SUBLEQ (<see cref="ClassicSubleq.Image"/>): <paramref name="bits"/>-bit
    /// words (16 unless given), zero-padded to <paramref name="words"/>, wrapping or saturating.
    /// </summary>
    public static (Program Program, ClassicImage Image) LoadNative(FileInfo imageFile, int? words, int? bits, bool saturate, TextWriter describeTo)
    {
        var image = Parse(imageFile);
        string name = Path.GetFileNameWithoutExtension(imageFile.Name);
        if (words < image.Words.Count) throw new CliException($"{imageFile.Name}: a memory of {words} words cannot hold the image's {image.Words.Count} words");
        int wordBits = bits ?? DefaultWordBits;
        if (words > MaxNativeWords(wordBits))
            throw new CliException($"--memory {words:N0}: {wordBits}-bit words address at most {MaxNativeWords(wordBits):N0} image words beside the output region" +
                (MaxNativeWords(wordBits) < MaxMemoryWords ? "; give a smaller --memory or wider words with --bits" : "; give a smaller --memory"));
        try
        {
            var word = new WordFormat(wordBits);
            foreach (long value in image.Words.Where(w => !word.Fits(w)))
                throw new CliException($"{imageFile.Name}: the image word {value} does not fit {word.Bits}-bit words ({word.Min}..{word.Max}); give wider words with --bits");
            var program = ClassicSubleq.Image(name, word, image.Words, image.Labels, words, saturate: saturate);
            int size = ((ClassicSubleq)program.Reference).ImageWords;
            describeTo.WriteLine($"classic SUBLEQ image {imageFile.Name}: {image.Words.Count} words{(size > image.Words.Count ? $" in a memory of {size}" : "")}, " +
                $"{word.Bits}-bit words, {(saturate ? "saturating" : "wrapping")}");
            return (program, image);
        }
        catch (Exception e) when (e is ArgumentException or InputException)
        {
            throw new CliException($"{imageFile.Name}: {e.Message}");
        }
    }

    /// <summary>The emulator for the image file (memory: the image's size, or <paramref name="words"/>) and its memory with the image loaded, or a one-line error per problem.</summary>
    public static (Program Emulator, ClassicImage Image, long[] Memory) Load(FileInfo imageFile, int? words, TextWriter? describeTo = null)
    {
        var image = Parse(imageFile);
        try
        {
            var emulator = ClassicEmulator.ForImage(Path.Combine(AppContext.BaseDirectory, "programs"), image, words);
            var memory = ClassicEmulator.Load(emulator, image);
            int size = emulator.FindCell("image")!.Length;
            (describeTo ?? Console.Out).WriteLine($"classic SUBLEQ image {imageFile.Name}: {image.Words.Count} words{(size > image.Words.Count ? $" in a memory of {size}" : "")}, run by {ClassicEmulator.ProgramPath}");
            return (emulator, image, memory);
        }
        catch (InputException e)
        {
            throw new CliException($"{imageFile.Name}: {e.Message}");
        }
    }

    /// <summary>
    /// The two ways to run an image that bench compares, to its halt: natively (one loop per instruction) and
    /// on the emulator program, each with the classic instructions the image executes (from the classic interpreter).
    /// </summary>
    public static IEnumerable<(Program Program, long[] Memory, string Label, long Instructions)> BothWays(FileInfo imageFile, long maxSteps, TextWriter describeTo)
    {
        var (native, _) = LoadNative(imageFile, null, null, saturate: false, describeTo);
        var reference = ReferenceRun.Run(native, native.InitialMemory, maxSteps);
        if (reference.Status != RunStatus.Halted)
            throw new CliException($"{imageFile.Name} does not halt within {maxSteps:N0} instructions; raise --loops", ExitCodes.StepLimit);
        var (emulator, _, memory) = Load(imageFile, null, describeTo);
        string name = Path.GetFileNameWithoutExtension(imageFile.Name);
        yield return (native, [.. native.InitialMemory], name, reference.Steps);
        yield return (emulator, memory, $"{name} (emulated)", reference.Steps);
    }

    /// <summary>
    /// A command's program and memory from one file with the common options: an assembled program
    /// with --set, or with --classic the image natively or, with --emulator, the emulator holding it.
    /// </summary>
    public static (Program Program, IReadOnlyList<long> Memory) LoadAny(ParseResult parse, TransformerCommands.Common common, FileInfo file, TextWriter describeTo)
    {
        var classic = common.Classic;
        if (!classic.Given(parse))
        {
            var program = common.Load(parse, file);
            return (program, Loader.Memory(program, parse.GetValue(common.Set)));
        }
        RequireNoAssemblerOptions(parse, common, classic.OnEmulator(parse));
        if (classic.OnEmulator(parse))
        {
            var (emulator, _, memory) = Load(file, parse.GetValue(classic.Memory));
            return (emulator, memory);
        }
        var (image, _) = LoadNative(file, parse.GetValue(classic.Memory), parse.GetValue(common.Bits), parse.GetValue(classic.Saturate), describeTo);
        return (image, image.InitialMemory);
    }

    /// <summary>--set, --isa (and on the emulator --bits) shape assembled programs; an image brings its own.</summary>
    static void RequireNoAssemblerOptions(ParseResult parse, TransformerCommands.Common common, bool onEmulator)
    {
        if (parse.GetValue(common.Set) is { Length: > 0 }) throw new CliException("--classic takes its input from the image; --set does not apply (edit the image's data words)", ExitCodes.UsageError);
        if ((onEmulator ? LoopedComputer.Cli.Options.FirstGiven(parse, common.Bits, common.Isa) : LoopedComputer.Cli.Options.FirstGiven(parse, common.Isa)) is { } fixedElsewhere)
            throw new CliException(onEmulator
                ? $"{fixedElsewhere.Name} does not apply to --classic --emulator: the emulator program fixes its word width and instruction set; leave it out"
                : $"{fixedElsewhere.Name} does not apply to --classic: an image is classic SUBLEQ; leave it out", ExitCodes.UsageError);
    }

    public static FileInfo SingleImage(FileInfo[] files) =>
        files.Length == 1 ? files[0] : throw new CliException("--classic --emulator runs one image; give one file (several images of one size run as a batch without --emulator)", ExitCodes.UsageError);

    /// <summary>`run --classic` and `verify --classic` of one image: natively, or on the emulator with --emulator.</summary>
    public static int Run(ParseResult parse, TransformerCommands.Common common, FileInfo imageFile, bool verify)
    {
        var (program, memory) = LoadAny(parse, common, imageFile, Console.Out);
        long maxSteps = parse.GetValue(common.MaxSteps);
        if (verify) MachineRunner.RequireHalt(program, memory, maxSteps);
        using var session = common.Open(parse, program, Console.Out);
        bool native = !common.Classic.OnEmulator(parse);
        if (verify)
        {
            var result = MachineRunner.Verify(session, memory, maxSteps, parse.GetValue(common.Progress)!, $"verifying {imageFile.Name}");
            if (result.Divergence is not null) return ExitCodes.Diverged;
            if (result.Status == RunStatus.StepLimit)
                throw new CliException($"no divergence in {result.Steps:N0} loops, but the image did not halt; raise --max-steps", ExitCodes.StepLimit);
            Console.WriteLine(native
                ? $"verified: the PC and all {program.MemorySize} cells (image and output region) equal the classic interpreter's after each of {result.Steps:N0} loops, one per instruction"
                : $"verified: the emulator's PC and all {program.MemorySize} cells equal the interpreter's after each of {result.Steps:N0} loops");
            return ExitCodes.Success;
        }
        var run = ProgressDisplay.Run(parse.GetValue(common.Progress)!, false, imageFile.Name, 1,
            report => session.Run(memory, maxSteps, progress: p => report(p.Loops, p.Halted)));
        if (run.Status == RunStatus.StepLimit)
            throw new CliException($"the image did not halt within {run.Loops:N0} loops; raise --max-steps if it needs longer", ExitCodes.StepLimit);
        string how = $"{run.Loops:N0} loops in {run.Elapsed.TotalSeconds:F3} s";
        return native
            ? ReportNative(program, Parse(imageFile), run.Memory, run.Pc, run.Loops, $"{how} (one loop per instruction)", "the machine")
            : Report(program, Parse(imageFile), run.Memory, how);
    }

    /// <summary>
    /// Prints what the image output, its words and labels, and how it ended, from a final memory and PC
    /// of the image's own program, by the machine or the classic interpreter (exit 4 unless it halted).
    /// </summary>
    public static int ReportNative(Program program, ClassicImage image, IReadOnlyList<long> memory, int pc, long instructions, string how, string keeper)
    {
        var semantics = (ClassicSubleq)program.Reference;
        long count = memory[semantics.CountCell];
        var kept = memory.Skip(semantics.OutputStart).Take((int)Math.Clamp(count, 0, semantics.OutputSlots)).ToList();
        var status = semantics.StatusAt(memory, pc);
        PrintOutcome(kept, count, memory.Take(image.Words.Count).ToList(), image, $"{keeper} keeps the first {semantics.OutputSlots}");
        Console.WriteLine($"{Describe(status)} after {instructions:N0} classic instructions, {how}");
        return semantics.Fault(program, memory, pc) is null ? ExitCodes.Success : ExitCodes.ExpectationFailed;
    }

    /// <summary>Prints what the image output, its final memory and labelled words, and how it ended (exit 4 unless it halted).</summary>
    public static int Report(Program emulator, ClassicImage image, IReadOnlyList<long> memory, string how)
    {
        var outcome = ClassicEmulator.Read(emulator, memory, image.Words.Count);
        PrintOutcome(outcome.Output, outcome.OutputCount, outcome.Memory, image, $"the emulator keeps the first {outcome.Output.Count}");
        Console.WriteLine($"{Describe(outcome.Status)} after {outcome.Steps:N0} classic instructions, {how}");
        return outcome.Status == ClassicStatus.Halted ? ExitCodes.Success : ExitCodes.ExpectationFailed;
    }

    static void PrintOutcome(IReadOnlyList<long> output, long count, IReadOnlyList<long> words, ClassicImage image, string kept)
    {
        Console.WriteLine($"output: {string.Join(" ", output)}{(count > output.Count ? $" … ({count} values; {kept})" : "")}");
        Console.WriteLine($"memory: {string.Join(" ", words)}");
        foreach (var (name, address) in image.Labels.OrderBy(l => l.Value).Where(l => l.Value < words.Count))
            Console.WriteLine($"  {name} = {words[address]}");
    }

    static string Describe(ClassicStatus status) => status switch
    {
        ClassicStatus.Halted => "halted (jump to a negative address)",
        ClassicStatus.RanOffImage => "stopped: the program counter ran past the image",
        _ => "stopped: an operand was not an address of the image (input, a = -1, is not supported)",
    };

    static string Describe(ClassicCondition status) => status switch
    {
        ClassicCondition.NegativeJump => "halted (jump to a negative address)",
        ClassicCondition.Running => "halted (a jump to itself that changes nothing)",
        ClassicCondition.RanOffImage => "stopped: the program counter ran past the image",
        _ => "stopped: an operand was not an address of the image (input, a = -1, is not supported)",
    };
}
