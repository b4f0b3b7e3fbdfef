using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Cli;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine.Reliability;

/// <summary>Faults at run time: a NaN or Inf names its layer, the step limit reports the state so far, oversized programs are refused.</summary>
public class RuntimeFaultTests
{
    /// <summary>factorial (the countdown image on the classic machine) on <paramref name="machine"/> with b2 of <paramref name="row"/> in layer <paramref name="layer"/> (1-based) set to <paramref name="value"/>.</summary>
    static MachineSession OpenCorrupted(string machine, MixerKind mixer, int layer, Func<IMachineLayout, int> row, double value)
    {
        var program = machine == ClassicMachine.Name ? BundledPrograms.Image("countdown.txt") : BundledPrograms.Load("factorial.lasm");
        var compiled = MachineCatalog.Compile(program, machine, NumberFormat.Float32, mixer: mixer);
        return new MachineSession(program, CorruptedWeights.WithBias(compiled, layer - 1, row(compiled.Layout), value), torch.CPU);
    }

    [Theory]
    [InlineData(FleqMachine.Name, MixerKind.Softmax, 5, double.NaN)]
    [InlineData(FleqMachine.Name, MixerKind.Linear, 11, double.PositiveInfinity)]
    [InlineData(PaperSubleqMachine.Name, MixerKind.Softmax, 3, double.NegativeInfinity)]
    [InlineData(ClassicMachine.Name, MixerKind.Softmax, 6, double.NaN)]
    [InlineData(ClassicMachine.Name, MixerKind.Linear, 2, double.PositiveInfinity)]
    public void A_non_finite_value_stops_the_run_naming_the_layer_that_produced_it(string machine, MixerKind mixer, int layer, double value)
    {
        using var session = OpenCorrupted(machine, mixer, layer, layout => layout.Rows - 1, value);
        var targetName = session.LayerNames[layer - 1];
        int row = session.Machine.Layout.Rows - 1;
        var fault = Assert.Throws<NonFiniteStateException>(() => session.Run(session.Program.InitialMemory, 1000));
        Assert.Equal(1, fault.Loop);
        Assert.Equal(layer, fault.Layer);
        Assert.Equal(targetName, fault.LayerName);
        Assert.Contains($"{session.Machine.Layout.NameRow(row)}, column 0", fault.Message); // a bias reaches every column
        Assert.Contains($"layer {layer} ", fault.Message);
    }

    [Fact]
    public void Lockstep_names_the_layer_that_produced_a_NaN()
    {
        using var session = OpenCorrupted(FleqMachine.Name, MixerKind.Softmax, 4, layout => layout.Pc.Offset, double.NaN);
        var result = Lockstep.Verify(session, session.Program.InitialMemory, 100);
        Assert.NotNull(result.Divergence);
        Assert.StartsWith($"layer 4 ({session.LayerNames[3]})", result.Divergence!.FirstUncleanLayer);
    }

    [Fact]
    public void Lockstep_does_not_take_a_function_units_value_row_for_an_unclean_value()
    {
        // isqrt_unit's first loop runs its piecewise-linear unit, whose value row holds 9 in layers 4 and 5.
        // Memory's first row is pushed off ±1 only after the last layer, so that layer is the first unclean one.
        var program = BundledPrograms.Load("isqrt_unit.lasm");
        var compiled = MachineCatalog.Compile(program, FleqMachine.Name, NumberFormat.Float64, mixer: MixerKind.Linear);
        int last = compiled.Weights.Layers.Count;
        using var session = new MachineSession(program, CorruptedWeights.WithBias(compiled, last - 1, compiled.Layout.Memory.Offset, 1.5), torch.CPU);
        var result = Lockstep.Verify(session, session.Program.InitialMemory, 10);
        Assert.NotNull(result.Divergence);
        Assert.Equal(1L, result.Divergence!.Step);
        Assert.StartsWith($"layer {last} ({session.LayerNames[last - 1]})", result.Divergence.FirstUncleanLayer);
    }

    [Fact]
    public void Step_limit_on_the_transformer_reports_the_state_so_far()
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--set", "n=5", "--max-steps", "12", "--mixer", "linear");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("did not halt within 12 loops", run.Error);
        // After 12 interpreter steps the PC is where the reference interpreter says.
        var program = BundledPrograms.Load("factorial.lasm");
        var reference = Interpreter.Run(program, program.MemoryWith([CellAssignment.Parse("n=5")]), 12);
        Assert.Contains($"at pc {reference.Pc} ", run.Error);
        Assert.Contains("result = ", run.Out);
        Assert.DoesNotContain("   at ", run.Out + run.Error);
    }

    [Fact]
    public void A_program_too_wide_for_the_requested_dtype_is_refused_with_the_fix()
    {
        var run = LoopedProcess.RunOnSource(".bits 30\nx: .word 5\n.output x\n  add x, #1\n", "run", "--dtype", "float32");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("30-bit words", run.Error);
        Assert.Contains("--dtype float64", run.Error);
        Assert.DoesNotContain("   at ", run.Out + run.Error);
    }

    [Fact]
    public void Without_a_dtype_a_wide_program_runs_in_the_narrowest_exact_format_and_the_machine_line_says_so()
    {
        var wide = LoopedProcess.RunOnSource(".bits 30\nx: .word 5\n.output x\n  add x, #1\n", "run");
        Assert.Equal(0, wide.ExitCode);
        Assert.Contains("x = 6", wide.Out);
        Assert.Contains("float64 (auto", wide.Out);
        var narrow = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--set", "n=3");
        Assert.Equal(0, narrow.ExitCode);
        Assert.Contains("float32 (auto", narrow.Out);
        Assert.Matches(@"cpu, \d+ threads?", narrow.Out);
    }

    [Fact]
    public void An_input_that_does_not_fit_N_bits_is_refused_on_the_transformer()
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--set", "n=99999999");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not fit", run.Error);
        Assert.DoesNotContain("   at ", run.Out + run.Error);
    }
}
