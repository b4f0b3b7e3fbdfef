using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;
using TorchSharp;
using LoopedComputer.Tests.Isa;

namespace LoopedComputer.Tests.Engine;

/// <summary>The paper's SUBLEQ machine on the TorchSharp engine, verified step by step against the interpreter.</summary>
public class PaperSubleqTransformerTests
{
    public static TheoryData<string, NumberFormat, MixerKind> SubleqProgramsInBothFormatsAndMixers()
    {
        var data = new TheoryData<string, NumberFormat, MixerKind>();
        foreach (var name in BundledPrograms.Names.Where(n => BundledPrograms.Load(n).IsSubleqOnly))
            foreach (var format in NumberFormats.Compiled)
                foreach (var mixer in Enum.GetValues<MixerKind>())
                    data.Add(name, format, mixer);
        return data;
    }

    [Theory]
    [MemberData(nameof(SubleqProgramsInBothFormatsAndMixers))]
    public void Every_SUBLEQ_program_verifies_in_lockstep_for_each_expectation(string name, NumberFormat format, MixerKind mixer)
    {
        var program = BundledPrograms.Load(name);
        foreach (var expectation in program.Expectations)
        {
            var memory = program.MemoryWith(expectation.Inputs.Select(i => new CellAssignment(i.Name, null, i.Values)));
            var result = TransformerHarness.Verify(program, memory, format, PaperSubleqMachine.Name, mixer: mixer);
            Assert.True(result.Passed, $"{name} {string.Join(", ", expectation.Inputs)}: {TransformerHarness.Explain(result)}");
        }
    }

    [Fact]
    public void The_paper_programs_give_the_notebooks_results_on_the_transformer()
    {
        (string Program, string? Input, string Output, long[] Expected)[] cases =
        [
            ("factorial.lasm", "n=7", "result", [5040]),
            ("reverse_list.lasm", null, "list", [1, 2, 3, -4, -5, -6, -7]),
            ("linear_search.lasm", null, "index", [6]),
        ];
        foreach (var (name, input, output, expected) in cases)
        {
            var program = BundledPrograms.Load(name);
            var compiled = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32);
            using var session = new MachineSession(program, compiled, torch.CPU);
            var memory = program.MemoryWith(input is null ? [] : [CellAssignment.Parse(input)]);
            var result = session.Run(memory, 100_000);
            var reference = Interpreter.Run(program, memory, 100_000);
            Assert.Equal(RunStatus.Halted, result.Status);
            Assert.Equal(reference.Steps, result.Loops);
            Assert.Equal(expected, program.Read(result.Memory, output).Values);
        }
    }

    [Fact]
    public void Random_SUBLEQ_programs_verify_in_lockstep()
    {
        var random = new Random(20230131);
        int count = RandomSubleqPrograms.Count(200);
        for (int i = 0; i < count; i++)
        {
            var program = RandomSubleqPrograms.Create(random);
            var format = i % 2 == 0 ? NumberFormat.Float32 : NumberFormat.Float64;
            foreach (var mixer in Enum.GetValues<MixerKind>())
            {
                var result = TransformerHarness.Verify(program, format: format, machine: PaperSubleqMachine.Name, maxSteps: 100, mixer: mixer);
                Assert.True(result.Divergence is null, $"program {i} ({program.Name}, {format}, {mixer} mixer): {TransformerHarness.Explain(result)}\n{string.Join("\n", program.Instructions)}\nmemory {string.Join(",", program.InitialMemory)}");
            }
        }
    }

    [Fact]
    public void Lambda_just_above_the_bound_passes()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var layout = PaperSubleqLayout.For(program);
        double bound = Temperature.SafeBound(layout.Columns, layout.WordBits);
        var memory = program.MemoryWith([CellAssignment.Parse("n=7")]);
        foreach (var format in NumberFormats.Compiled)
        {
            var result = TransformerHarness.Verify(program, memory, format, PaperSubleqMachine.Name, lambda: bound + 0.01);
            Assert.True(result.Passed, $"{format}: {TransformerHarness.Explain(result)}");
        }
    }

    [Fact]
    public void Lambda_below_the_bound_is_refused_with_the_bound()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32, lambda: 3));
        var layout = PaperSubleqLayout.For(program);
        Assert.Contains($"safe bound {Temperature.SafeBound(layout.Columns, layout.WordBits):F2}", error.Message);
    }

    [Fact]
    public void Lambda_far_below_the_bound_really_breaks_the_machine()
    {
        // Why the refusal matters: built by hand with λ = 3, the adder's amplified leak corrupts the state.
        var program = BundledPrograms.Load("factorial.lasm");
        var layout = PaperSubleqLayout.For(program);
        var machine = new CompiledMachine(PaperSubleqDefinition.Instance, layout, PaperSubleqMachine.Build(layout), 3, NumberFormat.Float64, Temperature.SafeBound(layout.Columns, layout.WordBits));
        using var session = new MachineSession(program, machine, torch.CPU);
        var result = Lockstep.Verify(session, program.MemoryWith([CellAssignment.Parse("n=7")]), 10_000);
        Assert.NotNull(result.Divergence);
        Assert.NotNull(result.Divergence!.FirstUncleanLayer);
    }

    [Theory]
    [InlineData(NumberFormat.Float32, 22)]
    [InlineData(NumberFormat.Float64, 51)]
    public void Word_widths_beyond_the_format_are_refused(NumberFormat format, int max)
    {
        Assert.Equal(max, PaperSubleqDefinition.Instance.MaxWordBits(format));
        var program = new Program("wide", new WordFormat(max + 1), [Instruction.Halt(0, 0)], [0]);
        var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, PaperSubleqMachine.Name, format));
        Assert.Contains($"at most {max} bits", error.Message);
    }

    [Fact]
    public void FLEQ_programs_are_refused_by_the_paper_machine_with_the_offending_line()
    {
        var program = LoopedComputer.Assembly.Assembler.Assemble("x: .word 3\n  mul x, x, x\n  halt\n").Program!;
        var error = Assert.Throws<ArgumentException>(() => MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("SUBLEQ only", error.Message);
    }

    [Fact]
    public void Widest_float32_words_stay_exact()
    {
        var random = new Random(22);
        for (int i = 0; i < 20; i++)
        {
            var program = RandomSubleqPrograms.Create(random, maxWordBits: 22);
            var wide = new Program(program.Name, new WordFormat(22), program.Instructions,
                program.InitialMemory.Select(v => v * (1L << (22 - program.Word.Bits))).ToArray());
            var result = TransformerHarness.Verify(wide, machine: PaperSubleqMachine.Name, maxSteps: 50);
            Assert.True(result.Divergence is null, TransformerHarness.Explain(result));
        }
    }
}
