using System.Diagnostics;
using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>A random program that left the interpreter: its seed replays it.</summary>
public sealed record FuzzFailure(int Seed, Program Program, Divergence Divergence);

public sealed record FuzzSummary(int Programs, long StepsCompared, int Halted, IReadOnlyList<FuzzFailure> Failures, TimeSpan Elapsed);

/// <summary>
/// The lockstep property run: programs from consecutive seeds, each verified against the
/// interpreter (<see cref="Lockstep.Verify"/>) on a session the caller opens, every failure kept with its seed.
/// </summary>
public static class LockstepFuzz
{
    public static FuzzSummary Run(int firstSeed, int count, Func<int, Program> generate, Func<Program, MachineSession> open, long maxSteps,
        Action<FuzzFailure>? failed = null, Action<int, int>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var failures = new List<FuzzFailure>();
        long steps = 0;
        int halted = 0;
        for (int i = 0; i < count; i++)
        {
            int seed = firstSeed + i;
            var program = generate(seed);
            using var session = open(program);
            var result = Lockstep.Verify(session, program.InitialMemory, maxSteps);
            steps += result.Steps;
            if (result.Status == RunStatus.Halted) halted++;
            if (result.Divergence is { } divergence)
            {
                var failure = new FuzzFailure(seed, program, divergence);
                failures.Add(failure);
                failed?.Invoke(failure);
            }
            progress?.Invoke(i + 1, failures.Count);
        }
        return new FuzzSummary(count, steps, halted, failures, clock.Elapsed);
    }
}
