using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using TorchSharp;

namespace LoopedComputer.Tests.Engine.Reliability;

/// <summary>Lockstep over a batch reports for every row what lockstep on that row alone reports.</summary>
public class LockstepBatchTests
{
    static List<Program> Block(int block) =>
        Enumerable.Range(block * RandomPrograms.ShapeBlock, 32).Select(s => RandomPrograms.FromSeed(s, 12, FleqDefinition.Instance.RandomProgram)).ToList();

    [Fact]
    public void Seeds_of_one_block_share_a_shape_and_the_next_block_draws_its_own()
    {
        var shapes = Enumerable.Range(0, 3 * RandomPrograms.ShapeBlock)
            .Select(s => RandomPrograms.FromSeed(s, 19, RandomPrograms.Fleq))
            .Select(p => (p.Word.Bits, p.MemorySize, p.Instructions.Count)).ToList();
        for (int block = 0; block < 3; block++)
            Assert.Single(shapes.Skip(block * RandomPrograms.ShapeBlock).Take(RandomPrograms.ShapeBlock).Distinct());
        Assert.True(shapes.Distinct().Count() > 1);
    }

    public enum Fault { None, EveryProgram, SoftmaxTooWarm }

    [Theory]
    [InlineData(3, Fault.None)]
    [InlineData(5, Fault.EveryProgram)]
    [InlineData(7, Fault.SoftmaxTooWarm)]
    public void Each_row_gets_the_result_of_its_own_lockstep(int block, Fault fault)
    {
        var programs = Block(block);
        var machine = MachineCatalog.Compile(programs[0], FleqDefinition.Instance, NumberFormat.Float32,
            mixer: fault == Fault.SoftmaxTooWarm ? MixerKind.Softmax : MixerKind.Linear);
        machine = fault switch
        {
            // A memory row pushed by 3 in the last layer: every program diverges, each where its own cells show it.
            Fault.EveryProgram => CorruptedWeights.WithBias(machine, machine.Layers - 1, machine.Layout.Memory.Offset, 3),
            // Softmax far below its safe λ: reads leak, and whether a program goes wrong depends on what it reads,
            // so rows that diverge and rows that do not share the batch.
            Fault.SoftmaxTooWarm => machine with { Lambda = 2.5 },
            _ => machine,
        };
        using var session = new MachineSession(programs[0], machine, torch.CPU);
        var batch = LockstepBatch.Verify(session, programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), 40);
        Assert.Equal(programs.Count, batch.Count);
        for (int i = 0; i < programs.Count; i++)
        {
            using var alone = new MachineSession(programs[i], machine, torch.CPU);
            var single = Lockstep.Verify(alone, programs[i].InitialMemory, 40);
            Assert.Equal((single.Steps, single.Status), (batch[i].Steps, batch[i].Status));
            Assert.Equal(single.Divergence is null, batch[i].Divergence is null);
            if (single.Divergence is { } expected)
            {
                var actual = batch[i].Divergence!;
                Assert.Equal((expected.Step, expected.Pc, expected.ExpectedPc, expected.ActualPc), (actual.Step, actual.Pc, actual.ExpectedPc, actual.ActualPc));
                Assert.Equal(expected.Cells, actual.Cells);
                Assert.Equal(expected.FirstUncleanLayer, actual.FirstUncleanLayer);
            }
        }
        var diverged = batch.Select(r => r.Divergence is not null).ToList();
        if (fault == Fault.None) Assert.DoesNotContain(true, diverged);
        if (fault == Fault.EveryProgram) Assert.DoesNotContain(false, diverged);
        if (fault == Fault.SoftmaxTooWarm) Assert.True(diverged.Contains(true) && diverged.Contains(false), $"diverged: {string.Join(", ", diverged)}");
    }
}
