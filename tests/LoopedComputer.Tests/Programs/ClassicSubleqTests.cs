using LoopedComputer.Assembly.Classic;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Engine;
using LoopedComputer.Tests.Cli;

namespace LoopedComputer.Tests.Programs;

/// <summary>
/// Classic SUBLEQ images run by the emulator program (programs/classic/subleq.lasm), compared with an
/// independent classic SUBLEQ interpreter written here, and with results known by hand.
/// </summary>
public class ClassicSubleqTests
{
    /// <summary>Classic SUBLEQ with the emulator's conventions, directly on an array of words.</summary>
    static ClassicOutcome Reference(IReadOnlyList<long> image, int size, long maxSteps = 1_000_000)
    {
        var memory = image.Concat(Enumerable.Repeat(0L, size - image.Count)).ToArray();
        var output = new List<long>();
        long pc = 0, steps = 0;
        var status = ClassicStatus.Halted;
        while (pc >= 0 && steps < maxSteps)
        {
            if (pc + 2 >= size) { status = ClassicStatus.RanOffImage; break; }
            long a = memory[pc], b = memory[pc + 1], c = memory[pc + 2];
            if (a < 0 || a >= size) { status = ClassicStatus.BadAddress; break; }
            if (b != -1 && (b < 0 || b >= size)) { status = ClassicStatus.BadAddress; break; }
            steps++;
            if (b == -1)
            {
                output.Add(memory[a]);
                pc += 3;
                continue;
            }
            memory[b] = (short)(memory[b] - memory[a]);   // 16-bit words, as the emulator's
            pc = memory[b] <= 0 ? c : pc + 3;
        }
        return new ClassicOutcome(memory.Take(image.Count).ToArray(), output.Take(16).ToArray(), output.Count, steps, status);
    }

    static ClassicImage Image(string file)
    {
        string path = Path.Combine(BundledPrograms.Directory, "classic", "images", file);
        var (image, diagnostics) = ClassicImage.Parse(File.ReadAllText(path), path);
        Assert.True(image is not null, string.Join("\n", diagnostics.Select(d => d.Format())));
        return image!;
    }

    /// <summary>The emulator assembled for the image as `looped run --classic` assembles it: a memory of the image's size, or of <paramref name="words"/>.</summary>
    static Program Emulator(ClassicImage image, int? words = null) => ClassicEmulator.ForImage(BundledPrograms.Directory, image, words);

    static (ClassicOutcome Outcome, long Loops) Emulate(ClassicImage image, Program? emulator = null)
    {
        emulator ??= Emulator(image);
        var result = Interpreter.Run(emulator, ClassicEmulator.Load(emulator, image), 10_000_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        return (ClassicEmulator.Read(emulator, result.Memory, image.Words.Count), result.Steps);
    }

    /// <summary>
    /// The emulator program against the ISA's classic interpreter (the native machine's specification) on
    /// random 16-bit images with self-modifying writes and operands outside the image, and one that jumps
    /// past its end (0 − 1 &lt; 0: to 4, where no whole instruction fits). Only runs that end by a negative
    /// jump, past the image or on a bad address within 200 instructions are compared: the emulator has no
    /// fixed-point halt.
    /// </summary>
    [Fact]
    public void The_emulator_agrees_with_the_isa_classic_interpreter_on_random_images()
    {
        int compared = 0;
        var seen = new HashSet<ClassicStatus>();
        var programs = Enumerable.Range(0, 60).Select(seed => ClassicSubleq.RandomImage(new Random(seed), new WordFormat(16), 40, 10))
            .Append(ClassicSubleq.Image("off", new WordFormat(16), [4, 5, 4, 0, 1, 0]));
        foreach (var program in programs)
        {
            var semantics = (ClassicSubleq)program.Reference;
            var words = program.InitialMemory.Take(semantics.ImageWords).ToArray();
            var interpreter = new ClassicInterpreter(program);
            interpreter.Run(200);
            if (!interpreter.Halted || interpreter.Status == ClassicCondition.Running) continue;
            var status = interpreter.Status switch
            {
                ClassicCondition.NegativeJump => ClassicStatus.Halted,
                ClassicCondition.RanOffImage => ClassicStatus.RanOffImage,
                _ => ClassicStatus.BadAddress,
            };
            var (outcome, _) = Emulate(new ClassicImage(words, new Dictionary<string, int>()));
            Assert.Equal((status, interpreter.Steps), (outcome.Status, outcome.Steps));
            Assert.Equal(interpreter.Memory.Take(semantics.ImageWords), outcome.Memory);
            Assert.Equal(interpreter.Output, outcome.Output);
            Assert.Equal(interpreter.Memory[semantics.CountCell], outcome.OutputCount);
            seen.Add(status);
            compared++;
        }
        Assert.True(compared >= 20, $"only {compared} of 61 images ended within 200 instructions");
        Assert.Equal(3, seen.Count);
    }

    [Theory]
    [InlineData("negate.txt", new long[] { -7 })]
    [InlineData("add.txt", new long[] { 42 })]
    [InlineData("multiply.txt", new long[] { -42 })]
    [InlineData("countdown.txt", new long[] { 5, 4, 3, 2, 1 })]
    [InlineData("fibonacci.txt", new long[] { 0, 1, 1, 2, 3, 5, 8, 13, 21, 34 })]
    [InlineData("sum_data.txt", new long[] { 11440 })]
    [InlineData("bubble_sort.txt", new long[] { -8, -3, 0, 2, 5, 7, 9, 12 })]
    [InlineData("self_modifying_loop.txt", new long[] { 3, 2, 1 })]
    public void Classic_programs_output_what_they_compute_and_agree_with_a_classic_interpreter(string file, long[] expected)
    {
        var image = Image(file);
        var (outcome, _) = Emulate(image);
        Assert.Equal(ClassicStatus.Halted, outcome.Status);
        Assert.Equal(expected, outcome.Output);
        var reference = Reference(image.Words, image.Words.Count);
        Assert.Equal(reference.Memory, outcome.Memory);
        Assert.Equal(reference.Output, outcome.Output);
        Assert.Equal(reference.Steps, outcome.Steps);
    }

    [Fact]
    public void Random_images_agree_with_the_classic_interpreter_in_memory_output_steps_and_status()
    {
        var random = new Random(17);
        var emulator = AppRuns.Load(ClassicEmulator.ProgramPath);   // 64 words: the images are zero-padded
        for (int trial = 0; trial < 60; trial++)
        {
            // Small addresses so that most instructions are valid; some -1 (output) and out-of-range words.
            var words = Enumerable.Range(0, random.Next(3, 40)).Select(_ => (long)random.Next(-2, 45)).ToArray();
            var image = new ClassicImage(words, new Dictionary<string, int>());
            var reference = Reference(words, 64, maxSteps: 200);
            if (reference.Steps >= 200) continue;   // a loop: the emulator would run to its step limit too
            var (outcome, _) = Emulate(image, emulator);
            Assert.Equal((reference.Status, reference.Steps, reference.OutputCount), (outcome.Status, outcome.Steps, outcome.OutputCount));
            Assert.Equal(reference.Memory, outcome.Memory);
            Assert.Equal(reference.Output, outcome.Output);
        }
    }

    [Fact]
    public void More_than_sixteen_values_are_counted_but_only_sixteen_kept()
    {
        var countdown = File.ReadAllText(Path.Combine(BundledPrograms.Directory, "classic", "images", "countdown.txt")).Replace("N: 5", "N: 20");
        var (image, _) = ClassicImage.Parse(countdown, "countdown.txt");
        var (outcome, _) = Emulate(image!);
        Assert.Equal(20, outcome.OutputCount);
        Assert.Equal(Enumerable.Range(5, 16).Reverse().Select(v => (long)v), outcome.Output);
    }

    [Fact]
    public void Labels_question_marks_and_hex_are_read_as_addresses_and_values()
    {
        var (image, diagnostics) = ClassicImage.Parse("# c\nstart: X X ?   # clear X\n  Z Z -1\nX: 0x10 Z: -0x2\n", "t.txt");
        Assert.Empty(diagnostics);
        Assert.Equal([6L, 6, 3, 7, 7, -1, 16, -2], image!.Words);
        Assert.Equal(0, image.Labels["start"]);
    }

    [Theory]
    [InlineData("X X 0\nX: 1\nX: 2", 3, 1, "label 'X' is defined twice")]
    [InlineData("0 0 -1\n  1 2 nowhere", 2, 7, "unknown label 'nowhere'")]
    [InlineData("0 0 1.5", 1, 5, "'1.5' is not a word")]
    [InlineData("0 0 -1 9x:", 1, 8, "'9x:' is not a label")]
    public void Image_errors_name_the_line_and_column(string text, int line, int column, string message)
    {
        var (image, diagnostics) = ClassicImage.Parse(text, "bad.txt");
        Assert.Null(image);
        var error = Assert.Single(diagnostics);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_image_too_large_or_too_wide_for_the_emulator_is_refused()
    {
        var emulator = AppRuns.Load(ClassicEmulator.ProgramPath);
        var large = new ClassicImage(new long[65], new Dictionary<string, int>());
        Assert.Contains("the emulator's memory holds 64", Assert.Throws<InputException>(() => ClassicEmulator.Load(emulator, large)).Message);
        var wide = new ClassicImage([0, 0, 40000], new Dictionary<string, int>());
        Assert.Contains("40000 does not fit", Assert.Throws<InputException>(() => ClassicEmulator.Load(emulator, wide)).Message);
    }

    static ClassicImage Words(params long[] words) => new(words, new Dictionary<string, int>());

    [Fact]
    public void The_emulators_memory_is_the_images_size_or_the_size_asked_for_and_never_smaller()
    {
        var image = Image("sum_data.txt");
        Assert.Equal(416, image.Words.Count);
        Assert.Equal(384, image.Labels["data"]);
        Assert.Equal(416, Emulator(image).FindCell("image")!.Length);
        Assert.Equal(500, Emulator(image, 500).FindCell("image")!.Length);
        Assert.Contains("a memory of 415 words cannot hold the image's 416 words", Assert.Throws<InputException>(() => Emulator(image, 415)).Message);
        Assert.Equal(ClassicEmulator.MaxWords, Emulator(image, ClassicEmulator.MaxWords).FindCell("image")!.Length);
        Assert.Contains("at most 32,704 words", Assert.Throws<InputException>(() => Emulator(image, ClassicEmulator.MaxWords + 1)).Message);
    }

    [Fact]
    public void A_larger_memory_pads_the_image_with_zeros_and_runs_it_the_same_way()
    {
        var image = Image("add.txt");
        var (padded, loops) = Emulate(image, Emulator(image, 4096));
        var (exact, exactLoops) = Emulate(image);
        Assert.Equal((exact.Steps, exactLoops), (padded.Steps, loops));
        Assert.Equal(exact.Output, padded.Output);
        Assert.Equal(exact.Memory, padded.Memory);
    }

    [Theory]
    [InlineData(new long[0], "the image has 0 words: there is no instruction (a b c) to run")]
    [InlineData(new long[] { 3, 3 }, "the image has 2 words")]
    [InlineData(new long[] { 0, 0, 0 }, "the image can only loop forever: its first instruction, 0 0 0, subtracts 0")]
    [InlineData(new long[] { 3, 4, 0, 0, -5 }, "its first instruction, 3 4 0,")]
    public void Images_that_have_nothing_to_run_or_can_only_loop_forever_are_refused(long[] words, string message)
    {
        var image = Words(words);
        var error = Assert.Throws<InputException>(() => ClassicEmulator.Load(Emulator(image, 64), image));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData(new long[] { 0, 0, -1 })]      // halts
    [InlineData(new long[] { 3, 4, 0, 1, 0 })] // subtracts 1: a loop that ends when image[4] wraps
    [InlineData(new long[] { 3, 4, 0, 0, 5 })] // image[4] > 0: goes on
    public void Images_whose_first_instruction_changes_something_are_run(long[] words)
    {
        var image = Words(words);
        ClassicEmulator.Load(Emulator(image), image);
    }

    /// <summary>An image of <paramref name="size"/> words: copies the data word at the top of memory to the word below it, outputs it and halts.</summary>
    static ClassicImage CopyAtTheTop(int size)
    {
        var words = new long[size];
        long source = size - 1, target = size - 2, zero = 12;
        long[] code = [source, zero, 3, zero, target, 6, target, -1, 9, zero, zero, -1];   // Z -= src; dst -= Z; out dst; halt
        code.CopyTo(words, 0);
        words[source] = 1234;
        return Words(words);
    }

    [Fact]
    public void A_4096_word_image_builds_and_runs_on_the_transformer_with_the_linear_mixer()
    {
        var image = CopyAtTheTop(4096);
        var emulator = Emulator(image);
        var (outcome, loops) = Emulate(image, emulator);
        Assert.Equal([1234L], outcome.Output);
        Assert.Equal(Reference(image.Words, 4096).Memory, outcome.Memory);
        // The first classic instruction's loops, in lockstep: the machine has over 4,000 columns.
        var result = TransformerHarness.Verify(emulator, ClassicEmulator.Load(emulator, image), LoopedComputer.Machines.NumberFormat.Float32,
            LoopedComputer.Machines.Fleq.FleqMachine.Name, maxSteps: AppRuns.FullLockstep ? loops : 40, mixer: LoopedComputer.Machines.MixerKind.Linear);
        Assert.True(result.Divergence is null, TransformerHarness.Explain(result));
    }

    public static TheoryData<string> LockstepImages =>
        AppRuns.FullLockstep ? ["negate.txt", "add.txt", "multiply.txt", "countdown.txt", "fibonacci.txt"] : ["negate.txt", "add.txt"];

    /// <summary>
    /// The 416-word image on the emulator (a FLEQ machine of 520 columns, docs/classic-subleq.md) in lockstep: its first classic instructions
    /// by default, all 4,353 loops with LOOPED_APPS_LOCKSTEP=1.
    /// </summary>
    [Fact]
    public void The_416_word_image_verifies_in_lockstep_on_the_transformer_with_the_linear_mixer()
    {
        var image = Image("sum_data.txt");
        var emulator = Emulator(image);
        var result = TransformerHarness.Verify(emulator, ClassicEmulator.Load(emulator, image), LoopedComputer.Machines.NumberFormat.Float32,
            LoopedComputer.Machines.Fleq.FleqMachine.Name, maxSteps: AppRuns.FullLockstep ? 10_000 : 300, mixer: LoopedComputer.Machines.MixerKind.Linear);
        Assert.True(result.Divergence is null, TransformerHarness.Explain(result));
    }

    /// <summary>About 33 loops per classic instruction (docs/classic-subleq.md's table): the two shortest images by default, all five with LOOPED_APPS_LOCKSTEP=1.</summary>
    [Theory]
    [MemberData(nameof(LockstepImages))]
    public void Classic_images_verify_in_lockstep_on_the_transformer(string file)
    {
        var image = Image(file);
        var emulator = Emulator(image);
        var memory = ClassicEmulator.Load(emulator, image);
        var result = TransformerHarness.Verify(emulator, memory, LoopedComputer.Machines.NumberFormat.Float32,
            LoopedComputer.Machines.Fleq.FleqMachine.Name, mixer: LoopedComputer.Machines.MixerKind.Linear);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
    }

    [Fact]
    public void Looped_run_classic_prints_the_output_and_the_memory()
    {
        var run = LoopedProcess.Run("run", "--classic", Path.Combine(BundledPrograms.Directory, "classic", "images", "negate.txt"), "--mixer", "linear");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("output: -7", run.Out);
        Assert.Contains("memory: 9 10 3 10 -1 6 11 11 -1 7 -7 0", run.Out);
        Assert.Contains("  Y = -7", run.Out);
        Assert.Contains("halted (jump to a negative address) after 3 classic instructions", run.Out);
    }

    [Fact]
    public void Looped_classic_sizes_the_memory_to_the_image_or_to_memory_and_refuses_what_cannot_run()
    {
        static string Bundled(string file) => Path.Combine(BundledPrograms.Directory, "classic", "images", file);
        var sum = LoopedProcess.Run("interp", "--classic", Bundled("sum_data.txt"));
        Assert.True(sum.ExitCode == 0, sum.Error);
        Assert.Contains("sum_data.txt: 416 words, 16-bit words, wrapping", sum.Out);
        Assert.Contains("output: 11440", sum.Out);
        Assert.Contains("on the classic interpreter", sum.Out);
        var emulated = LoopedProcess.Run("interp", "--classic", Bundled("sum_data.txt"), "--emulator");
        Assert.True(emulated.ExitCode == 0, emulated.Error);
        Assert.Contains("sum_data.txt: 416 words, run by", emulated.Out);
        Assert.Contains("output: 11440", emulated.Out);
        // 130 classic instructions either way (bundled images table, docs/classic-subleq.md).
        Assert.Contains("after 130 classic instructions, on the classic interpreter", sum.Out);
        Assert.Contains("after 130 classic instructions", emulated.Out);
        var saturating = LoopedProcess.Run("interp", "--classic", Bundled("add.txt"), "--saturate", "--bits", "12");
        Assert.True(saturating.ExitCode == 0, saturating.Error);
        Assert.Contains("add.txt: 19 words, 12-bit words, saturating", saturating.Out);
        Assert.Contains("output: 42", saturating.Out);
        var padded = LoopedProcess.Run("interp", "--classic", Bundled("add.txt"), "--memory", "4096");
        Assert.True(padded.ExitCode == 0, padded.Error);
        Assert.Contains("add.txt: 19 words in a memory of 4096", padded.Out);
        var small = LoopedProcess.Run("interp", "--classic", Bundled("add.txt"), "--memory", "5");
        Assert.Equal((1, "add.txt: a memory of 5 words cannot hold the image's 19 words\n"), (small.ExitCode, small.Error));
        var zero = LoopedProcess.Run("run", "--classic", Bundled("add.txt"), "--memory", "0");
        Assert.Equal((2, "--memory must be at least 1 word; got 0\n"), (zero.ExitCode, zero.Error));
        var notClassic = LoopedProcess.Run("verify", LoopedProcess.Program("factorial.lasm"), "--memory", "100");
        Assert.Equal(2, notClassic.ExitCode);
        Assert.Contains("add --classic", notClassic.Error);
        string path = Path.Combine(Path.GetTempPath(), $"looped-classic-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "0 0 0 0 0 0\n");
        try
        {
            // The emulator would run to the step limit; the classic machine halts at once on the fixed point.
            var zeros = LoopedProcess.Run("run", "--classic", path, "--mixer", "linear", "--emulator");
            Assert.Equal(1, zeros.ExitCode);
            Assert.Contains("the image can only loop forever", zeros.Error);
            Assert.DoesNotContain("   at ", zeros.Error);
            var native = LoopedProcess.Run("run", "--classic", path, "--mixer", "linear");
            Assert.Equal(0, native.ExitCode);
            Assert.Contains("halted (a jump to itself that changes nothing) after 0 classic instructions", native.Out);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Looped_run_classic_reports_a_bad_image_with_a_caret()
    {
        string path = Path.Combine(Path.GetTempPath(), $"looped-classic-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "A Z ?\nZ Z -1\nZ: 0\n");
        try
        {
            var run = LoopedProcess.Run("run", "--classic", path);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains(":1:1: error: unknown label 'A'", run.Error);
            Assert.Contains("^", run.Error);
            Assert.DoesNotContain("   at ", run.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
