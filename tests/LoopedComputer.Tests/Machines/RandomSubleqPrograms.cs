using LoopedComputer.Isa;

namespace LoopedComputer.Tests.Machines;

/// <summary>Random SUBLEQ programs: random shape within limits, random memory, random instructions, ending in a halt.</summary>
public static class RandomSubleqPrograms
{
    public static Program Create(Random random, int maxWordBits = 16, int maxCells = 10, int maxInstructions = 14)
    {
        var word = new WordFormat(random.Next(4, maxWordBits + 1));
        int m = random.Next(2, maxCells + 1), k = random.Next(2, maxInstructions + 1);
        var memory = Enumerable.Range(0, m).Select(_ => random.NextInt64(word.Min, word.Max + 1)).ToArray();
        var instructions = Enumerable.Range(0, k - 1)
            .Select(_ => Instruction.Subleq(random.Next(m), random.Next(m), random.Next(k)))
            .Append(Instruction.Halt(random.Next(m), k - 1))
            .ToArray();
        return new Program($"random-{word.Bits}-{m}-{k}", word, instructions, memory);
    }

    /// <summary>How many random programs a test runs: LOOPED_RANDOM_PROGRAMS overrides the default (for long runs).</summary>
    public static int Count(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("LOOPED_RANDOM_PROGRAMS"), out int count) && count > 0 ? count : defaultCount;
}
