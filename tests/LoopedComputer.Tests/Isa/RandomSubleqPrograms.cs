using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Isa;

/// <summary>Random SUBLEQ programs: random shape within limits, random memory, random instructions, ending in a halt.</summary>
public static class RandomSubleqPrograms
{
    public static Program Create(Random random, int maxWordBits = 16, int maxCells = 10, int maxInstructions = 14) =>
        RandomPrograms.Subleq(random, random.Next(4, maxWordBits + 1), random.Next(2, maxCells + 1), random.Next(2, maxInstructions + 1));

    /// <summary>How many random programs a test runs: LOOPED_RANDOM_PROGRAMS overrides the default (for long runs).</summary>
    public static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("LOOPED_RANDOM_PROGRAMS"), out int count) && count > 0 ? count : defaultCount;
}
