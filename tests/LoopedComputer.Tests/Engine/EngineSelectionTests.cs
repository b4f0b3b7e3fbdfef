using LoopedComputer.Engine;
using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Tests.Cli;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>--engine: what auto picks, what an explicit choice gets, and the machine line that says which ran.</summary>
public class EngineSelectionTests
{
    static CompiledMachine Machine(int cells, MixerKind mixer)
    {
        var definition = PaperSubleqDefinition.Instance;
        var program = definition.RandomProgram(new Random(1), 8, cells, cells);
        return MachineCatalog.Compile(program, definition, NumberFormat.Float32, mixer: mixer);
    }

    [Fact]
    public void Auto_runs_native_on_the_cpu_for_both_mixers_at_any_width()
    {
        var narrow = Machine(8, MixerKind.Softmax);
        var wide = Machine(512, MixerKind.Softmax);
        var wideLinear = Machine(512, MixerKind.Linear);
        Assert.Equal(EngineKind.Native, Engines.Resolve(EngineKind.Auto, torch.CPU, narrow));
        Assert.Equal(EngineKind.Native, Engines.Resolve(EngineKind.Auto, torch.CPU, wide));
        Assert.Equal(EngineKind.Native, Engines.Resolve(EngineKind.Auto, torch.CPU, wideLinear));
        Assert.Equal(EngineKind.Torch, Engines.Resolve(EngineKind.Torch, torch.CPU, wide));
        Assert.Equal(EngineKind.Torch, Engines.Resolve(EngineKind.Auto, torch.CPU, MachineCatalog.Compile(PaperSubleqDefinition.Instance.RandomProgram(new Random(1), 8, 8, 8), PaperSubleqDefinition.Instance, NumberFormat.Float16, mixer: MixerKind.Softmax)));
    }

    [Theory]
    [InlineData("native")]
    [InlineData("torch")]
    public void The_machine_line_names_the_engine_that_runs(string engine)
    {
        var run = LoopedProcess.Run("run", LoopedProcess.Program("factorial.lasm"), "--set", "n=4", "--engine", engine);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{engine} engine on cpu", run.Out);
        Assert.Contains("result = 24", run.Out);
    }
}
