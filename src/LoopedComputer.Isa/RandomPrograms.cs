namespace LoopedComputer.Isa;

/// <summary>Random programs for property tests and benchmarks: random memory, random instructions, ending in a halt.</summary>
public static class RandomPrograms
{
    /// <summary>
    /// A SUBLEQ program of exactly this shape; values uniform over the word. With
    /// <paramref name="endless"/> no branch reaches the final halt and the second-to-last
    /// instruction jumps back to 0, so the program runs until a step limit (for benchmarks).
    /// </summary>
    public static Program Subleq(Random random, int wordBits, int cells, int instructions, bool endless = false)
    {
        if (endless && instructions < 3) throw new ArgumentException("an endless program needs at least 3 instructions");
        var word = new WordFormat(wordBits);
        var memory = Enumerable.Range(0, cells)
            .Select(_ => word.Bits == 64 ? random.NextInt64() : random.NextInt64(word.Min, word.Max + 1)).ToArray();
        int targets = endless ? instructions - 1 : instructions;
        var code = new Instruction[instructions];
        for (int i = 0; i < instructions - 1; i++)
        {
            int a = random.Next(cells), b = random.Next(cells), target = random.Next(targets);
            if (endless && a == b && target == i) target = (i + 1) % targets; // not a halt
            code[i] = Instruction.Subleq(a, b, target);
        }
        if (endless) code[instructions - 2] = Instruction.Subleq(0, 0, 0);
        code[instructions - 1] = Instruction.Halt(random.Next(cells), instructions - 1);
        return new Program($"random-subleq-N{wordBits}-m{cells}-k{instructions}", word, code, memory);
    }

    /// <summary>Consecutive seeds come in aligned blocks of this many that share one program shape, so a block runs as one batch.</summary>
    public const int ShapeBlock = 64;

    /// <summary>The block of seeds <paramref name="seed"/> belongs to (seeds 64j … 64j + 63 form block j).</summary>
    public static int ShapeBlockOf(int seed) => seed >> 6;

    /// <summary>
    /// A program of random shape for lockstep property runs, wholly determined by
    /// <paramref name="seed"/> (so a failure is replayed from its seed alone): its shape (N from 4
    /// to <paramref name="maxWordBits"/>, 2 to 11 cells, 2 to 15 instructions) drawn from the seed's
    /// <see cref="ShapeBlockOf">block</see>, its code and memory from the seed by
    /// <paramref name="generate"/> (random, N, cells, instructions), e.g. <see cref="Fleq"/>.
    /// </summary>
    public static Program FromSeed(int seed, int maxWordBits, Func<Random, int, int, int, Program> generate)
    {
        var shape = new Random(ShapeBlockOf(seed));
        int bits = shape.Next(4, maxWordBits + 1), cells = shape.Next(2, 12), instructions = shape.Next(2, 16);
        var program = generate(new Random(seed), bits, cells, instructions);
        return program.Renamed($"seed-{seed}-{program.Name}");
    }

    /// <summary>
    /// A FLEQ program of exactly this shape with every function of the menu. A third of the cells
    /// hold small values (around the cell and instruction ranges, so that load, store and jmp hit
    /// valid and invalid pointers alike), a third edge values (−2^(N−1) and its neighbours, ±1, 0,
    /// shift amounts N − 1 to 2N, pointers just past memory and code), a third uniform words, which
    /// make most products overflow.
    /// </summary>
    public static Program Fleq(Random random, int wordBits, int cells, int instructions)
    {
        var word = new WordFormat(wordBits);
        var functions = Enum.GetValues<Function>();
        int small = Math.Max(cells, instructions) + 3;
        long[] edges = [word.Min, word.Min + 1, word.Max, -1, 0, 1, wordBits - 1, wordBits, wordBits + 1, 2L * wordBits, cells, instructions, -cells - 1];
        long Value() => random.Next(3) switch
        {
            0 => Math.Clamp(random.NextInt64(-3, small), word.Min, word.Max),
            1 => Math.Clamp(edges[random.Next(edges.Length)], word.Min, word.Max),
            _ => word.Bits == 64 ? random.NextInt64() : random.NextInt64(word.Min, word.Max + 1),
        };
        var memory = Enumerable.Range(0, cells).Select(_ => Value()).ToArray();
        var code = Enumerable.Range(0, instructions - 1)
            .Select(_ => new Instruction(functions[random.Next(functions.Length)], random.Next(cells), random.Next(cells),
                random.Next(cells), random.Next(cells), random.Next(instructions)))
            .Append(Instruction.Halt(random.Next(cells), instructions - 1))
            .ToArray();
        return new Program($"random-fleq-N{wordBits}-m{cells}-k{instructions}", word, code, memory);
    }
}
