using LoopedComputer.Machines;
using LoopedComputer.Machines.PaperSubleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using TorchSharp;
using LoopedComputer.Tests.Engine.Reliability;

namespace LoopedComputer.Tests.Cli;

/// <summary>`looped fuzz`: random programs from seeds, verified in lockstep; a seed replays its program.</summary>
public class LockstepFuzzCommandTests
{
    [Fact]
    public void A_seed_always_gives_the_same_program_and_seeds_differ()
    {
        var a = RandomPrograms.FromSeed(42, 19, RandomPrograms.Fleq);
        var b = RandomPrograms.FromSeed(42, 19, RandomPrograms.Fleq);
        var c = RandomPrograms.FromSeed(43, 19, RandomPrograms.Fleq);
        Assert.Equal(a.Instructions, b.Instructions);
        Assert.Equal(a.InitialMemory, b.InitialMemory);
        Assert.False(a.Instructions.SequenceEqual(c.Instructions) && a.InitialMemory.SequenceEqual(c.InitialMemory));
        Assert.StartsWith("seed-42-random-fleq-", a.Name);
    }

    [Fact]
    public void A_run_stopped_after_a_batch_sums_the_programs_it_verified()
    {
        int maxBits = PaperSubleqDefinition.Instance.MaxWordBits(NumberFormat.Float32);
        Program Generate(int seed) => RandomPrograms.FromSeed(seed, maxBits, PaperSubleqDefinition.Instance.RandomProgram);
        MachineSession Open(Program program, int batch) =>
            new(program, MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32, mixer: MixerKind.Linear), torch.CPU);
        // Seeds 60..63 end the first shape block (seed >> 6 = 0); the run is stopped after it.
        var reports = new List<FuzzSummary>();
        var summary = LockstepFuzz.Run(60, 20, Generate, Open, 30, progress: sofar =>
        {
            reports.Add(sofar);
            return false;
        });
        Assert.Equal(4, summary.Programs);
        Assert.Empty(summary.Failures);
        var reference = Enumerable.Range(60, 4).Select(seed => ReferenceRun.Run(Generate(seed), null, 30)).ToList();
        Assert.Equal(reference.Sum(r => r.Steps), summary.StepsCompared);
        Assert.Equal(reference.Count(r => r.Status == RunStatus.Halted), summary.Halted);
        // The progress report carries the same partial sum, so a run killed after it loses nothing.
        var report = Assert.Single(reports);
        Assert.Equal((4, reference.Sum(r => r.Steps), summary.Halted), (report.Programs, report.StepsCompared, report.Halted));
    }

    [Fact]
    public void Every_failing_program_is_reported_with_its_seed_and_divergence()
    {
        int maxBits = PaperSubleqDefinition.Instance.MaxWordBits(NumberFormat.Float32);
        MachineSession Corrupted(Program program, int batch)
        {
            var machine = MachineCatalog.Compile(program, PaperSubleqMachine.Name, NumberFormat.Float32, mixer: MixerKind.Linear);
            return new MachineSession(program, CorruptedWeights.WithBias(machine, 1, machine.Layout.Pc.Offset, double.NaN), torch.CPU); // a corrupted weight in layer 2
        }
        var reported = new List<int>();
        var summary = LockstepFuzz.Run(30, 4, s => RandomPrograms.FromSeed(s, maxBits, PaperSubleqDefinition.Instance.RandomProgram), Corrupted, 20, failed: f => reported.Add(f.Seed));
        Assert.Equal([30, 31, 32, 33], summary.Failures.Select(f => f.Seed));
        Assert.Equal([30, 31, 32, 33], reported);
        foreach (var failure in summary.Failures)
        {
            Assert.Equal(RandomPrograms.FromSeed(failure.Seed, maxBits, PaperSubleqDefinition.Instance.RandomProgram).Name, failure.Program.Name);
            Assert.StartsWith("layer 2 ", failure.Divergence.FirstUncleanLayer);
        }
    }

    [Fact]
    public void Fuzz_verifies_programs_and_reports_the_count()
    {
        var run = LoopedProcess.Run("fuzz", "--programs", "3", "--seed", "100", "--machine", "paper-subleq", "--mixer", "linear", "--max-steps", "30");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("seeds 100..102", run.Out);
        Assert.Matches(@"3 programs, \d+ steps compared, \d+ halted, 0 failed", run.Out);
    }

    [Fact]
    public void Replay_prints_the_program_of_the_seed()
    {
        var run = LoopedProcess.Run("fuzz", "--replay", "9", "--machine", "paper-subleq", "--mixer", "linear", "--max-steps", "30");
        Assert.Equal(0, run.ExitCode);
        var program = RandomPrograms.FromSeed(9, PaperSubleqDefinition.Instance.MaxWordBits(LoopedComputer.Machines.NumberFormat.Float32), PaperSubleqDefinition.Instance.RandomProgram);
        Assert.Contains($"{program.Name}: memory [{string.Join(", ", program.InitialMemory)}]", run.Out);
        foreach (var instruction in program.Instructions) Assert.Contains(instruction.ToString(), run.Out);
        Assert.Contains("seed 9: no divergence", run.Out);
    }

    [Fact]
    public void Fuzz_refuses_an_unknown_machine()
    {
        var run = LoopedProcess.Run("fuzz", "--machine", "abacus");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown machine 'abacus'", run.Error);
    }
}
