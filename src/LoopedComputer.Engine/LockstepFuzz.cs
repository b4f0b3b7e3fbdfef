using System.Diagnostics;
using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>A random program that left the interpreter: its seed replays it.</summary>
public sealed record FuzzFailure(int Seed, Program Program, Divergence Divergence);

/// <summary>What a fuzz run verified: <see cref="Programs"/> is fewer than asked when the progress callback stopped it.</summary>
public sealed record FuzzSummary(int Programs, long StepsCompared, int Halted, IReadOnlyList<FuzzFailure> Failures, TimeSpan Elapsed);

/// <summary>
/// The lockstep property run: programs from consecutive seeds, each verified against its own
/// interpreter, every failure kept with its seed. Seeds of one shape block (<see cref="RandomPrograms.ShapeBlockOf"/>)
/// share a shape and run as one batch (<see cref="LockstepBatch"/>) on a session the caller opens
/// for the block's first program and the batch's size.
/// </summary>
public static class LockstepFuzz
{
    /// <summary>
    /// Verifies <paramref name="count"/> programs from <paramref name="firstSeed"/>; after each batch
    /// <paramref name="progress"/> gets the sum so far (so a stopped run's partial record is never lost)
    /// and returns whether to go on.
    /// </summary>
    public static FuzzSummary Run(int firstSeed, int count, Func<int, Program> generate, Func<Program, int, MachineSession> open, long maxSteps,
        Action<FuzzFailure>? failed = null, Func<FuzzSummary, bool>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<FuzzFailure>();
        long steps = 0;
        int halted = 0, done = 0;
        foreach (var block in Enumerable.Range(firstSeed, count).GroupBy(RandomPrograms.ShapeBlockOf))
        {
            var seeds = block.ToList();
            var programs = seeds.Select(generate).ToList();
            using var session = open(programs[0], programs.Count);
            var results = LockstepBatch.Verify(session, programs.Select(p => new BatchRun(p, p.InitialMemory)).ToList(), maxSteps);
            foreach (var (seed, program, result) in seeds.Zip(programs, results))
            {
                steps += result.Steps;
                if (result.Status == RunStatus.Halted) halted++;
                if (result.Divergence is not { } divergence) continue;
                var failure = new FuzzFailure(seed, program, divergence);
                failures.Add(failure);
                failed?.Invoke(failure);
            }
            done += seeds.Count;
            if (progress?.Invoke(new FuzzSummary(done, steps, halted, failures.ToList(), clock.Elapsed)) == false) break;
        }
        return new FuzzSummary(done, steps, halted, failures, clock.Elapsed);
    }
}
