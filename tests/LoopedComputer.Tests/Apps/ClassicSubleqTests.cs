using LoopedComputer.Compiler.Classic;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Cli;
using LoopedComputer.Tests.Programs;

namespace LoopedComputer.Tests.Apps;

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
            steps++;
            if (b == -1)
            {
                output.Add(memory[a]);
                pc += 3;
                continue;
            }
            if (b < 0 || b >= size) { status = ClassicStatus.BadAddress; break; }
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

    static (ClassicOutcome Outcome, long Loops) Emulate(ClassicImage image)
    {
        var emulator = AppRuns.Load(ClassicEmulator.ProgramPath);
        var result = Interpreter.Run(emulator, ClassicEmulator.Load(emulator, image), 10_000_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        return (ClassicEmulator.Read(emulator, result.Memory, image.Words.Count), result.Steps);
    }

    [Theory]
    [InlineData("negate.txt", new long[] { -7 })]
    [InlineData("add.txt", new long[] { 42 })]
    [InlineData("multiply.txt", new long[] { -42 })]
    [InlineData("countdown.txt", new long[] { 5, 4, 3, 2, 1 })]
    [InlineData("fibonacci.txt", new long[] { 0, 1, 1, 2, 3, 5, 8, 13, 21, 34 })]
    public void Classic_programs_output_what_they_compute_and_agree_with_a_classic_interpreter(string file, long[] expected)
    {
        var image = Image(file);
        var (outcome, _) = Emulate(image);
        Assert.Equal(ClassicStatus.Halted, outcome.Status);
        Assert.Equal(expected, outcome.Output);
        var reference = Reference(image.Words, 64);
        Assert.Equal(reference.Memory, outcome.Memory);
        Assert.Equal(reference.Output, outcome.Output);
        Assert.Equal(reference.Steps, outcome.Steps);
    }

    [Fact]
    public void Random_images_agree_with_the_classic_interpreter_in_memory_output_steps_and_status()
    {
        var random = new Random(17);
        var emulator = AppRuns.Load(ClassicEmulator.ProgramPath);
        for (int trial = 0; trial < 60; trial++)
        {
            // Small addresses so that most instructions are valid; some -1 (output) and out-of-range words.
            var words = Enumerable.Range(0, random.Next(3, 40)).Select(_ => (long)random.Next(-2, 45)).ToArray();
            var image = new ClassicImage(words, new Dictionary<string, int>());
            var reference = Reference(words, 64, maxSteps: 200);
            if (reference.Steps >= 200) continue;   // a loop: the emulator would run to its step limit too
            var (outcome, _) = Emulate(image);
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
        Assert.Contains("the emulator holds 64", Assert.Throws<InputException>(() => ClassicEmulator.Load(emulator, large)).Message);
        var wide = new ClassicImage([0, 0, 40000], new Dictionary<string, int>());
        Assert.Contains("40000 does not fit", Assert.Throws<InputException>(() => ClassicEmulator.Load(emulator, wide)).Message);
    }

    public static TheoryData<string> LockstepImages =>
        AppRuns.FullLockstep ? ["negate.txt", "add.txt", "multiply.txt", "countdown.txt", "fibonacci.txt"] : ["negate.txt", "add.txt"];

    /// <summary>About 22 loops per classic instruction: the two shortest images by default, all five with LOOPED_APPS_LOCKSTEP=1.</summary>
    [Theory]
    [MemberData(nameof(LockstepImages))]
    public void Classic_images_verify_in_lockstep_on_the_transformer(string file)
    {
        var emulator = AppRuns.Load(ClassicEmulator.ProgramPath);
        var memory = ClassicEmulator.Load(emulator, Image(file));
        var result = Machines.TransformerHarness.Verify(emulator, memory, Compiler.Machines.NumberFormat.Float32,
            Compiler.Machines.Fleq.FleqMachine.Name, mixer: Compiler.Machines.MixerKind.Linear);
        Assert.True(result.Passed, Machines.TransformerHarness.Explain(result));
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
