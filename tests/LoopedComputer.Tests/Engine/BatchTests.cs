using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Programs;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>Batches: one [batch, d, n] state, each row its own program or inputs, its own halt and loop count.</summary>
public class BatchTests
{
    [Theory]
    [InlineData(PaperSubleqMachine.Name, "softmax")]
    [InlineData(PaperSubleqMachine.Name, "linear")]
    [InlineData(FleqMachine.Name, "softmax")]
    [InlineData(FleqMachine.Name, "linear")]
    public void Each_row_of_a_batch_of_inputs_halts_with_the_interpreters_result_and_loop_count(string machineName, string mixer)
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var machine = MachineCatalog.Compile(program, machineName, NumberFormat.Float32, mixer: mixer == "linear" ? MixerKind.Linear : MixerKind.Softmax);
        var inputs = new[] { 7, 0, 3, 1, 5, 2, 6, 4 };
        var runs = inputs.Select(n => new BatchRun(program, program.MemoryWith([CellAssignment.Parse($"n={n}")]))).ToList();
        using var session = new MachineSession(program, machine, torch.CPU);
        var batch = session.RunBatch(runs, 100_000);
        Assert.Equal(inputs.Length, batch.Runs.Count);
        for (int i = 0; i < inputs.Length; i++)
        {
            var expected = Interpreter.Run(program, runs[i].Memory.ToArray(), 100_000);
            var row = batch.Runs[i];
            Assert.Equal(RunStatus.Halted, row.Status);
            Assert.Equal(expected.Steps, row.Loops);
            Assert.Equal(expected.Memory, row.Memory);
            Assert.Equal(expected.Pc, row.Pc);
        }
        Assert.True(batch.Runs.Select(r => r.Loops).Distinct().Count() > 1, "the rows should halt at different loops");
        Assert.Equal(batch.Runs.Sum(r => r.Loops), batch.ProgramLoops);
        Assert.True(batch.Loops >= batch.Runs.Max(r => r.Loops));
    }

    [Fact]
    public void Programs_of_one_shape_run_as_one_batch_and_a_row_that_never_halts_stops_at_the_limit()
    {
        var random = new Random(5);
        var programs = Enumerable.Range(0, 6).Select(_ => RandomPrograms.Subleq(random, 8, 10, 12)).ToList();
        var endless = RandomPrograms.Subleq(random, 8, 10, 12, endless: true);
        programs.Add(endless);
        var machine = MachineCatalog.Compile(programs[0], PaperSubleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(programs[0], machine, torch.CPU);
        const long limit = 300;
        var batch = session.RunBatch(programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), limit);
        Assert.Equal(limit, batch.Loops);
        for (int i = 0; i < programs.Count; i++)
        {
            var expected = Interpreter.Run(programs[i], null, limit);
            var row = batch.Runs[i];
            Assert.Equal(expected.Status, row.Status);
            Assert.Equal(expected.Steps, row.Loops);
            Assert.Equal(expected.Memory, row.Memory);
        }
        Assert.Equal(RunStatus.StepLimit, batch.Runs[^1].Status);
        Assert.Contains(batch.Runs, r => r.Status == RunStatus.Halted);
    }

    [Fact]
    public void A_program_of_another_shape_is_refused_with_both_shapes_named()
    {
        var random = new Random(1);
        var program = RandomPrograms.Subleq(random, 8, 10, 12);
        var other = RandomPrograms.Subleq(random, 8, 11, 12);
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(program, machine, torch.CPU);
        var e = Assert.Throws<ArgumentException>(() => session.RunBatch([new BatchRun(program, program.InitialMemory), new BatchRun(other, other.InitialMemory)], 10));
        Assert.Contains("11 cells", e.Message);
        Assert.Contains("built for N = 8, 10 cells and 12 instructions", e.Message);
        // The session is still usable: the refused batch did not replace its state.
        Assert.Equal(Interpreter.Run(program, null, 50).Memory, session.Run(program.InitialMemory, 50).Memory);
    }

    [Theory]
    [InlineData(0, 64, 1)]
    [InlineData(31, 64, 1)]
    [InlineData(32, 64, 2)]
    [InlineData(160, 64, 10)]
    [InlineData(5_000, 64, 64)]
    [InlineData(5_000, 8, 8)]
    public void Halt_checks_grow_with_the_run_to_a_sixteenth_of_it_up_to_the_maximum(long loopsSoFar, int max, int expected) =>
        Assert.Equal(expected, MachineSession.HaltCheckInterval(loopsSoFar, max));

    [Fact]
    public void Progress_is_reported_at_every_halt_check_with_the_halted_count()
    {
        var program = BundledPrograms.Load("factorial.lasm");
        var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32);
        using var session = new MachineSession(program, machine, torch.CPU);
        var reports = new List<BatchProgress>();
        var runs = new[] { 2, 6 }.Select(n => new BatchRun(program, program.MemoryWith([CellAssignment.Parse($"n={n}")]))).ToList();
        var batch = session.RunBatch(runs, 100_000, progress: reports.Add);
        Assert.Equal(batch.Loops, reports[^1].Loops);
        Assert.Equal(2, reports[^1].Halted);
        Assert.Contains(reports, r => r.Halted == 1);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Loops > p.First.Loops));
    }

    [Theory]
    [InlineData(EngineKind.Native)]
    [InlineData(EngineKind.Torch)]
    public void Finishing_rows_leaves_every_other_row_as_it_would_be(EngineKind engine)
    {
        var random = new Random(11);
        var programs = Enumerable.Range(0, 6).Select(_ => RandomPrograms.Subleq(random, 8, 10, 12, endless: true)).ToList();
        var runs = programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList();
        var machine = MachineCatalog.Compile(programs[0], PaperSubleqMachine.Name, NumberFormat.Float32);
        using var plain = new MachineSession(programs[0], machine, torch.CPU, engine);
        using var finishing = new MachineSession(programs[0], machine, torch.CPU, engine);
        plain.Reset(runs);
        finishing.Reset(runs);
        foreach (int row in new[] { 0, 1, 4 }) finishing.Engine.Finish(row);
        for (int loop = 0; loop < 5; loop++)
        {
            plain.Step();
            finishing.Step();
        }
        foreach (int row in new[] { 2, 3, 5 }) Assert.Equal(plain.Snapshot(row), finishing.Snapshot(row));

        // Every row finished: a loop leaves the whole state as it was; a new load loops every row again.
        var before = Enumerable.Range(0, programs.Count).Select(finishing.Snapshot).ToList();
        for (int row = 0; row < programs.Count; row++) finishing.Engine.Finish(row);
        finishing.Step();
        if (engine == EngineKind.Native)
            for (int row = 0; row < programs.Count; row++) Assert.Equal(before[row], finishing.Snapshot(row));
        finishing.Reset(runs);
        plain.Reset(runs);
        finishing.Step();
        plain.Step();
        for (int row = 0; row < programs.Count; row++) Assert.Equal(plain.Snapshot(row), finishing.Snapshot(row));
    }
}
