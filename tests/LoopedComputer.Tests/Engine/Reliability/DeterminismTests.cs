using LoopedComputer.Machines;
using LoopedComputer.Machines.Classic;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine.Reliability;

/// <summary>The same program and inputs give the same loops, outputs and final state bit for bit, on every run, machine, dtype and mixer (factorial(4); on the classic machine the countdown image).</summary>
public class DeterminismTests
{
    public static TheoryData<string, NumberFormat, MixerKind> Configurations()
    {
        var data = new TheoryData<string, NumberFormat, MixerKind>();
        foreach (var machine in new[] { FleqMachine.Name, PaperSubleqMachine.Name, ClassicMachine.Name })
            foreach (var format in NumberFormats.Compiled)
                foreach (var mixer in Enum.GetValues<MixerKind>())
                    data.Add(machine, format, mixer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Two_fresh_runs_agree_bit_for_bit_and_with_the_interpreter(string machine, NumberFormat format, MixerKind mixer)
    {
        bool image = machine == ClassicMachine.Name;
        var program = image ? BundledPrograms.Image("countdown.txt") : BundledPrograms.Load("factorial.lasm");
        var memory = image ? [.. program.InitialMemory] : program.MemoryWith([CellAssignment.Parse("n=4")]);
        var reference = ReferenceRun.Run(program, memory, 10_000);
        (TransformerResult Result, double[,] State) RunOnce()
        {
            using var session = new MachineSession(program, MachineCatalog.Compile(program, machine, format, mixer: mixer), torch.CPU);
            var result = session.Run(memory, 10_000);
            return (result, session.Snapshot());
        }
        var first = RunOnce();
        var second = RunOnce();
        Assert.Equal(RunStatus.Halted, first.Result.Status);
        Assert.Equal(reference.Steps, first.Result.Loops);
        Assert.Equal(reference.Memory, first.Result.Memory);
        Assert.Equal(first.Result.Loops, second.Result.Loops);
        Assert.Equal(first.Result.Memory, second.Result.Memory);
        Assert.Equal(first.State.Cast<double>().Select(BitConverter.DoubleToInt64Bits), second.State.Cast<double>().Select(BitConverter.DoubleToInt64Bits));
    }
}
