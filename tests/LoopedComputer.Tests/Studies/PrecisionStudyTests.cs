using LoopedComputer.Engine;
using LoopedComputer.Machines;
using LoopedComputer.Studies;

namespace LoopedComputer.Tests.Studies;

/// <summary>
/// The precision study's cells against the tests' own lockstep (<see cref="DirectLockstep"/>) in the same 16-bit
/// format, and its word limits for the 16-bit formats worked out by hand.
/// </summary>
public class PrecisionStudyTests
{
    /// <summary>bfloat16 carries 8 significand bits: the paper machine's adders (N + 2 bits) break at N = 8, the FLEQ machine's partial products earlier or later depending on the programs.</summary>
    [Theory]
    [InlineData("paper-subleq", "BFloat16", 8)]
    [InlineData("paper-subleq", "Float16", 6)]
    [InlineData("fleq", "BFloat16", 8)]
    public void A_cell_agrees_with_batched_lockstep_in_the_same_format(string machine, string formatName, int wordBits)
    {
        var format = Enum.Parse<NumberFormat>(formatName);
        var run = new StudyRun();
        const int programs = 8, loops = 24;
        var cell = PrecisionStudy.Measure(run.Context, machine, format, MixerKind.Softmax, 16, wordBits, programs, loops);

        var definition = MachineCatalog.Find(machine);
        var layout = MachineCatalog.Find(machine).Layout(wordBits, 16);
        double lambda = definition.LambdaBound(layout.Columns, wordBits) + Temperature.DefaultMargin;
        var compiled = new CompiledMachine(definition, layout, definition.Build(layout), lambda, format, 0, MixerKind.Softmax);
        var list = FrontierStudy.Programs(machine, layout, programs);
        using var session = new MachineSession(list[0], compiled, TorchSharp.torch.CPU, EngineKind.Torch);
        var direct = DirectLockstep.FirstDivergence(session, list, loops);

        Assert.Equal(direct, cell.Divergences);
        Assert.Equal(direct.Count(d => d is null), cell.ExactPrograms);
        if (!cell.Exact) Assert.StartsWith("layer ", cell.FirstWrongLayer);
    }

    [Fact]
    public void The_word_limits_of_the_16_bit_formats_are_the_significand_arguments()
    {
        // Paper machine: N + 2 significand bits (float16: 11 → 9; bfloat16: 8 → 6).
        Assert.Equal(9, MachineCatalog.Find("paper-subleq").MaxWordBits(NumberFormat.Float16));
        Assert.Equal(6, MachineCatalog.Find("paper-subleq").MaxWordBits(NumberFormat.BFloat16));
        // FLEQ: N·2^N < 2^significand: 7·128 = 896 < 2048 ≤ 8·256; 5·32 = 160 < 256 ≤ 6·64; float32 and float64 as before.
        Assert.Equal(7, MachineCatalog.Find("fleq").MaxWordBits(NumberFormat.Float16));
        Assert.Equal(5, MachineCatalog.Find("fleq").MaxWordBits(NumberFormat.BFloat16));
        Assert.Equal(19, MachineCatalog.Find("fleq").MaxWordBits(NumberFormat.Float32));
        Assert.Equal(47, MachineCatalog.Find("fleq").MaxWordBits(NumberFormat.Float64));
    }

    [Fact]
    public void The_16_bit_formats_are_refused_by_dtype_and_by_the_native_engine()
    {
        var refused = Assert.Throws<ArgumentException>(() => NumberFormats.Parse("float16"));
        Assert.Contains("study-only", refused.Message);
        var definition = MachineCatalog.Find("fleq");
        var layout = MachineCatalog.Find("fleq").Layout(4, 16);
        var compiled = new CompiledMachine(definition, layout, definition.Build(layout), 10, NumberFormat.BFloat16, 0, MixerKind.Softmax);
        var native = Assert.Throws<ArgumentException>(() => Engines.Resolve(EngineKind.Native, TorchSharp.torch.CPU, compiled));
        Assert.Contains("--engine torch", native.Message);
        Assert.Equal(EngineKind.Torch, Engines.Resolve(EngineKind.Auto, TorchSharp.torch.CPU, compiled));
    }
}
