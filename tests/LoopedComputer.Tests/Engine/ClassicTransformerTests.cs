using LoopedComputer.Assembly.Classic;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>The native classic SUBLEQ machine in lockstep with the classic reference interpreter.</summary>
public class ClassicTransformerTests
{
    static Program Image(string file, int? words = null) => BundledPrograms.Image(file, words);

    public static TheoryData<string, NumberFormat, MixerKind> Images()
    {
        var data = new TheoryData<string, NumberFormat, MixerKind>();
        foreach (string file in new[] { "negate.txt", "add.txt", "multiply.txt", "countdown.txt", "fibonacci.txt", "self_modifying_loop.txt" })
        {
            data.Add(file, NumberFormat.Float32, MixerKind.Softmax);
            data.Add(file, NumberFormat.Float64, MixerKind.Linear);
        }
        data.Add("sum_data.txt", NumberFormat.Float32, MixerKind.Linear);
        data.Add("bubble_sort.txt", NumberFormat.Float32, MixerKind.Linear);
        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Bundled_images_run_in_lockstep_and_end_as_the_reference_does(string file, NumberFormat format, MixerKind mixer)
    {
        var program = Image(file);
        var result = TransformerHarness.Verify(program, ClassicDefinition.Instance, format: format, mixer: mixer, maxSteps: 10_000);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
        var reference = new ClassicInterpreter(program);
        reference.Run(10_000);
        Assert.Equal(reference.Steps, result.Steps);
    }

    [Fact]
    public void The_bundled_images_output_what_they_are_known_to()
    {
        long[] Output(string file) => [.. RunOnMachine(Image(file)).Output];
        Assert.Equal([42L], Output("add.txt"));
        Assert.Equal([5L, 4, 3, 2, 1], Output("countdown.txt"));
        Assert.Equal([-7L], Output("negate.txt"));
        Assert.Equal([-8L, -3, 0, 2, 5, 7, 9, 12], Output("bubble_sort.txt")); // 5 −3 12 0 7 −8 2 9, sorted by hand
        Assert.Equal([3L, 2, 1], Output("self_modifying_loop.txt"));
        Assert.Equal([-42L], Output("multiply.txt")); // A = −6 added B = 7 times
        Assert.Equal([0L, 1, 1, 2, 3, 5, 8, 13, 21, 34], Output("fibonacci.txt")); // K = 10 values
        Assert.Equal([11_440L], Output("sum_data.txt")); // 1² + … + 32² = 32 · 33 · 65 / 6
    }

    /// <summary>Runs on the transformer with RunBatch's halting and reads the output region back.</summary>
    static ClassicInterpreter RunOnMachine(Program program)
    {
        var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32, mixer: MixerKind.Linear);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var run = session.Run(program.InitialMemory, 10_000);
        Assert.Equal(RunStatus.Halted, run.Status);
        return new ClassicInterpreter(program, run.Memory);
    }

    [Theory]
    [InlineData(MixerKind.Softmax, NumberFormat.Float32, false)]
    [InlineData(MixerKind.Linear, NumberFormat.Float64, false)]
    [InlineData(MixerKind.Softmax, NumberFormat.Float64, true)]
    [InlineData(MixerKind.Linear, NumberFormat.Float32, true)]
    public void Random_images_with_self_modifying_writes_run_in_lockstep(MixerKind mixer, NumberFormat format, bool saturate)
    {
        var programs = Enumerable.Range(0, 32).Select(seed => ClassicSubleq.RandomImage(new Random(seed), new WordFormat(8), 40, 10, saturate)).ToList();
        var compiled = MachineCatalog.Compile(programs[0], ClassicDefinition.Instance, format, mixer: mixer);
        using var session = new MachineSession(programs[0], compiled, torch.CPU);
        var results = LockstepBatch.Verify(session, programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), 200);
        foreach (var (program, result) in programs.Zip(results))
            Assert.True(result.Divergence is null, $"{program.Name}: {TransformerHarness.Explain(result)}");
        Assert.Contains(results, r => r.Status == RunStatus.Halted);
    }

    [Theory]
    [InlineData("sum_data.txt")]
    [InlineData("bubble_sort.txt")]
    public void A_416_word_image_runs_with_softmax_at_16_bits(string file)
    {
        var program = Image(file);
        Assert.Equal(416, ((ClassicSubleq)program.Reference).ImageWords);
        var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var result = Lockstep.Verify(session, program.InitialMemory, 40);
        Assert.True(result.Divergence is null, TransformerHarness.Explain(result));
        Assert.Equal(40, result.Steps);
    }

    /// <summary>Y ← Y − X with Y = 32767 and X = −1, then output Y, then halt: 32768 does not fit 16 bits.</summary>
    static readonly long[] Overflow = [9, 10, 3, 10, -1, 6, 11, 11, -1, -1, 32767, 0];

    [Theory]
    [InlineData(false, -32768L)] // wraps: 32768 − 65536
    [InlineData(true, 32767L)]   // clamps to the largest 16-bit word
    public void A_difference_that_overflows_wraps_or_saturates_on_the_machine_as_in_the_interpreter(bool saturate, long output)
    {
        var program = ClassicSubleq.Image("overflow", new WordFormat(16), Overflow, saturate: saturate);
        Assert.Equal([output], RunOnMachine(program).Output);
        var result = TransformerHarness.Verify(program, ClassicDefinition.Instance, mixer: MixerKind.Linear, maxSteps: 10);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
        Assert.Equal(saturate ? 10 : 9, MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32).Layers);
    }

    /// <summary>
    /// At the widest word float32 carries on this machine, N = 22 (N + 2 significand bits, docs/classic-machine.md):
    /// "9 10 3" forms 2^21 − 1 − (−2^21), which wraps to −1 or clamps to 2^21 − 1, and either way goes on at 3;
    /// "10 −1 _" outputs it; "11 11 −1" halts. With both mixers in lockstep; 23 bits in float32 is refused.
    /// </summary>
    [Theory]
    [InlineData(false, MixerKind.Softmax, -1L)]
    [InlineData(true, MixerKind.Softmax, (1L << 21) - 1)]
    [InlineData(false, MixerKind.Linear, -1L)]
    public void The_widest_float32_word_runs_exactly_and_one_bit_more_is_refused(bool saturate, MixerKind mixer, long output)
    {
        long[] Extremes(int bits) => [9, 10, 3, 10, -1, 6, 11, 11, -1, -(1L << (bits - 1)), (1L << (bits - 1)) - 1, 0];
        Assert.Equal(22, ClassicDefinition.Instance.MaxWordBits(NumberFormat.Float32));
        Assert.Equal(32, ClassicDefinition.Instance.MaxWordBits(NumberFormat.Float64)); // the PC is held in an int
        var program = ClassicSubleq.Image("extremes", new WordFormat(22), Extremes(22), saturate: saturate);
        var result = TransformerHarness.Verify(program, ClassicDefinition.Instance, NumberFormat.Float32, mixer: mixer, maxSteps: 10);
        Assert.True(result.Passed, TransformerHarness.Explain(result));
        Assert.Equal(3, result.Steps);
        var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32, mixer: mixer);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var run = session.Run(program.InitialMemory, 10);
        Assert.Equal([output], new ClassicInterpreter(program, run.Memory).Output);
        var wider = ClassicSubleq.Image("extremes", new WordFormat(23), Extremes(23), saturate: saturate);
        var refusal = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(wider, ClassicDefinition.Instance, NumberFormat.Float32, mixer: mixer));
        Assert.Contains("float32 carries at most 22 bits exactly on the classic machine", refusal.Message);
    }

    /// <summary>
    /// A = 30000 at 6, B = −5 at 7, Z = 0 at 8: "A B 0" jumps to itself while B − A ≤ 0, then "Z Z −1" halts.
    /// Wrapping: B = −30005, then −60005 + 65536 = 5531 > 0, on to the halt: 3 instructions.
    /// Saturating: B = −30005, then −32768, where it stays: a fixed point after 2 instructions, at PC 0.
    /// "X X 0" with X = 5 at 3: X = 0 after one instruction, then a fixed point.
    /// </summary>
    public static TheoryData<string, bool, long, int, long> Rests() => new()
    {
        { "6 7 0 8 8 -1 30000 -5 0", false, 3, -1, 5531 },
        { "6 7 0 8 8 -1 30000 -5 0", true, 2, 0, -32768 },
        { "3 3 0 5", false, 1, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Rests))]
    public void The_halt_watch_compares_every_cell_in_place_and_finds_the_loop_a_self_jump_comes_to_rest(string words, bool saturate, long loops, int pc, long cell)
    {
        long[] image = [.. words.Split(' ').Select(long.Parse)];
        var program = ClassicSubleq.Image("rest", new WordFormat(16), image, saturate: saturate);
        int watched = image.Length == 4 ? 3 : 7;
        foreach (var engine in new[] { EngineKind.Native, EngineKind.Torch })
            foreach (int interval in new[] { 1, 3 })
            {
                var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32, mixer: MixerKind.Linear);
                using var session = new MachineSession(program, compiled, torch.CPU, engine);
                var run = session.RunBatch([new BatchRun(program, program.InitialMemory), new BatchRun(program, program.InitialMemory)], 100, interval).Runs;
                foreach (var row in run)
                    Assert.Equal((RunStatus.Halted, loops, pc, cell), (row.Status, row.Loops, row.Pc, row.Memory[watched]));
            }
    }

    [Fact]
    public void A_large_padded_image_halts_with_the_watch_comparing_in_place()
    {
        // countdown in 4,096 words (of 16 bits): its 5 outputs, decrements and jumps back, 15 instructions.
        var program = Image("countdown.txt", 4096);
        Assert.True(new FixedPointWatch([program], program.MemorySize).ComparesInPlace);
        var compiled = MachineCatalog.Compile(program, ClassicDefinition.Instance, NumberFormat.Float32, mixer: MixerKind.Linear);
        using var session = new MachineSession(program, compiled, torch.CPU);
        var run = session.Run(program.InitialMemory, 1000);
        Assert.Equal((RunStatus.Halted, 15L), (run.Status, run.Loops));
        Assert.Equal([5L, 4, 3, 2, 1], new ClassicInterpreter(program, run.Memory).Output);
    }
}
