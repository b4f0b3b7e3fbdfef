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
        Enumerable.Range(block * RandomPrograms.ShapeBlock, 12).Select(s => RandomPrograms.FromSeed(s, 12, FleqDefinition.Instance.RandomProgram)).ToList();

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

    [Theory]
    [InlineData(3, false)]
    [InlineData(5, true)]
    public void Each_row_gets_the_result_of_its_own_lockstep(int block, bool corrupted)
    {
        var programs = Block(block);
        var machine = MachineCatalog.Compile(programs[0], FleqDefinition.Instance, NumberFormat.Float32, mixer: MixerKind.Linear);
        // A memory row pushed by 3 in the last layer: every program diverges, each where its own cells show it.
        if (corrupted) machine = CorruptedWeights.WithBias(machine, machine.Layers - 1, machine.Layout.Memory.Offset, 3);
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
        Assert.Equal(corrupted, batch.All(r => r.Divergence is not null));
    }
}
