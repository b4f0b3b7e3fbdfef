using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;
using TorchSharp;
using LoopedComputer.Tests.Isa;

namespace LoopedComputer.Tests.Engine;

/// <summary>The 13-layer FLEQ machine on the TorchSharp engine, verified step by step against the interpreter.</summary>
public class FleqTransformerTests
{
    public static TheoryData<string, NumberFormat, MixerKind> AllProgramsInBothFormatsAndMixers()
    {
        var data = new TheoryData<string, NumberFormat, MixerKind>();
        foreach (var name in BundledPrograms.Names)
            foreach (var format in NumberFormats.Compiled)
                foreach (var mixer in Enum.GetValues<MixerKind>())
                    if (mixer == MixerKind.Linear || !BundledPrograms.IsLarge(BundledPrograms.Load(name)))
                        data.Add(name, format, mixer);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllProgramsInBothFormatsAndMixers))]
    public void Every_bundled_program_verifies_in_lockstep_for_each_expectation(string name, NumberFormat format, MixerKind mixer)
    {
        var program = BundledPrograms.Load(name);
        // Every expectation in float32; in float64 (slower, and with more exactness headroom) and on large machines the first.
        bool all = format == NumberFormat.Float32 && !BundledPrograms.IsLarge(program);
        foreach (var expectation in all ? program.Expectations : program.Expectations.Take(1))
        {
            var memory = program.MemoryWith(expectation.Inputs.Select(i => new CellAssignment(i.Name, null, i.Values)));
            var result = TransformerHarness.Verify(program, memory, format, FleqMachine.Name, mixer: mixer);
            Assert.True(result.Passed, $"{name} {string.Join(", ", expectation.Inputs)} ({mixer} mixer): {TransformerHarness.Explain(result)}");
        }
    }

    [Fact]
    public void Random_FLEQ_programs_verify_in_lockstep()
    {
        var random = new Random(13);
        int count = RandomSubleqPrograms.Count(200);
        for (int i = 0; i < count; i++)
        {
            var program = RandomPrograms.Fleq(random, random.Next(4, FleqDefinition.Instance.MaxWordBits(NumberFormat.Float32) + 1), random.Next(2, 12), random.Next(2, 16));
            var format = i % 2 == 0 ? NumberFormat.Float32 : NumberFormat.Float64;
            foreach (var mixer in Enum.GetValues<MixerKind>())
            {
                var result = TransformerHarness.Verify(program, format: format, machine: FleqMachine.Name, maxSteps: 60, mixer: mixer);
                Assert.True(result.Divergence is null,
                    $"program {i} ({program.Name}, {format}, {mixer} mixer): {TransformerHarness.Explain(result)}\n{string.Join("\n", program.Instructions)}\nmemory {string.Join(",", program.InitialMemory)}");
            }
        }
    }

    [Fact]
    public void The_machine_has_13_layers()
    {
        var program = BundledPrograms.Load("bubble_sort.lasm");
        var machine = MachineCatalog.Compile(program, FleqMachine.Name, NumberFormat.Float32);
        Assert.Equal(13, machine.Layers);
        Assert.Equal("fleq", MachineCatalog.Default.Name); // the design's default machine, by the name users type
    }

    [Fact]
    public void Lambda_just_above_the_bound_passes_and_below_is_refused()
    {
        var program = BundledPrograms.Load("bubble_sort.lasm");
        var layout = FleqLayout.For(program);
        double bound = FleqDefinition.Instance.LambdaBound(layout.Columns, layout.WordBits);
        foreach (var format in NumberFormats.Compiled)
        {
            var result = TransformerHarness.Verify(program, format: format, machine: FleqMachine.Name, lambda: bound + 0.01);
            Assert.True(result.Passed, $"{format}: {TransformerHarness.Explain(result)}");
        }
        var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, FleqMachine.Name, NumberFormat.Float32, bound - 0.5));
        Assert.Contains($"safe bound {bound:F2}", error.Message);
    }

    [Theory]
    [InlineData(NumberFormat.Float32, 19)]
    [InlineData(NumberFormat.Float64, 47)]
    public void Word_widths_beyond_the_format_are_refused(NumberFormat format, int max)
    {
        var program = new Program("wide", new WordFormat(max + 1), [Instruction.Halt(0, 0)], [0]);
        var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, FleqMachine.Name, format));
        Assert.Contains($"at most {max} bits", error.Message);
    }

    [Fact]
    public void The_widest_float32_words_multiply_exactly()
    {
        // x·y with the largest magnitudes 19-bit words allow, all sign combinations.
        long[] values = [-(1L << 18), (1L << 18) - 1, -3, 3, 0x2AAAA, -0x15555];
        var word = new WordFormat(19);
        foreach (long x in values)
            foreach (long y in values)
            {
                var program = new Program("mul", word, [new Instruction(Function.Mul, 0, 1, 2, 2, 1), Instruction.Halt(3, 1)], [x, y, 0, 0]);
                var result = TransformerHarness.Verify(program, format: NumberFormat.Float32, machine: FleqMachine.Name);
                Assert.True(result.Passed, $"{x} * {y}: {TransformerHarness.Explain(result)}");
            }
    }

    [Fact]
    public void FLEQ_needs_fewer_loops_than_SUBLEQ_for_the_same_product()
    {
        var subleq = BundledPrograms.Load("multiply.lasm");
        var fleq = BundledPrograms.Load("multiply_fleq.lasm");
        var inputs = new[] { CellAssignment.Parse("x=123"), CellAssignment.Parse("y=45") };
        long subleqLoops = RunLoops(subleq, subleq.MemoryWith(inputs));
        long fleqLoops = RunLoops(fleq, fleq.MemoryWith(inputs));
        Assert.Equal(Interpreter.Run(subleq, subleq.MemoryWith(inputs), 100_000).Steps, subleqLoops);
        Assert.Equal(1, fleqLoops);
    }

    static long RunLoops(Program program, long[] memory)
    {
        var machine = MachineCatalog.Compile(program, FleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(program, machine, torch.CPU);
        var result = session.Run(memory, 100_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        return result.Loops;
    }
}
