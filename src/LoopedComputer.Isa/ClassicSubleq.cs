namespace LoopedComputer.Isa;

/// <summary>Why a classic SUBLEQ state cannot execute its next instruction (<see cref="ClassicSubleq.StatusAt"/>).</summary>
public enum ClassicCondition
{
    /// <summary>The instruction at the PC can run.</summary>
    Running,
    /// <summary>The PC is negative: the usual halt, a jump to −1.</summary>
    NegativeJump,
    /// <summary>The PC is past the last whole instruction: pc + 2 is outside the image.</summary>
    RanOffImage,
    /// <summary>a, or b other than −1, is not an address of the image.</summary>
    BadAddress,
}

/// <summary>
/// Classic (von Neumann) SUBLEQ: code and data share one image of <see cref="ImageWords"/> words, the
/// PC is a word address starting at 0, and an instruction is the three words a, b, c at pc, pc+1, pc+2.
/// b = −1 outputs mem[a] and goes on to pc + 3; otherwise mem[b] ← mem[b] − mem[a] and the PC goes to
/// c if the result is ≤ 0, else to pc + 3. The difference wraps (two's complement) or, with
/// <see cref="Saturate"/>, clamps to the word's range. A state whose instruction cannot run
/// (<see cref="StatusAt"/>: a negative PC, a PC past the image, an operand outside it) is halted, as is a
/// fixed point (a jump to itself that changes nothing). docs/isa.md states the same rules.
/// <para>
/// The program's memory is the image, then the output region: <see cref="OutputSlots"/> slots
/// ("out") and the count of values output ("outn"). Output i goes to slot i while i &lt; the slot
/// count; later outputs are counted only. Operands address the image only, never the output region.
/// </para>
/// </summary>
public sealed record ClassicSubleq(int ImageWords, int OutputSlots, bool Saturate) : IReferenceSemantics
{
    /// <summary>The output slots of an image unless given: as many as the emulator program keeps.</summary>
    public const int DefaultOutputSlots = 16;

    public int OutputStart => ImageWords;
    public int CountCell => ImageWords + OutputSlots;
    public int MemoryCells => ImageWords + OutputSlots + 1;

    /// <summary>
    /// The program of an image: its words zero-padded to <paramref name="imageWords"/> (the image's own
    /// length unless given), the output region after them, every label a one-word cell.
    /// </summary>
    public static Program Image(string name, WordFormat word, IReadOnlyList<long> image, IReadOnlyDictionary<string, int>? labels = null,
        int? imageWords = null, int outputSlots = DefaultOutputSlots, bool saturate = false)
    {
        int size = imageWords ?? image.Count;
        if (image.Count > size) throw new ArgumentException($"an image of {size} words cannot hold {image.Count} words");
        var semantics = new ClassicSubleq(size, outputSlots, saturate);
        var memory = image.Concat(Enumerable.Repeat(0L, semantics.MemoryCells - image.Count)).ToArray();
        // The labels first: a cell is named by the first region holding it, so a labelled word by its label.
        List<CellSymbol> cells =
        [
            .. (labels ?? new Dictionary<string, int>()).Where(l => l.Value < size && l.Key is not ("image" or "out" or "outn"))
                .OrderBy(l => l.Value).Select(l => new CellSymbol(l.Key, l.Value, 1, CellKind.Data)),
            new("image", 0, size, CellKind.Data),
            .. outputSlots > 0 ? [new CellSymbol("out", semantics.OutputStart, outputSlots, CellKind.Data)] : Array.Empty<CellSymbol>(),
            new("outn", semantics.CountCell, 1, CellKind.Data),
        ];
        return new Program(name, word, [], memory, cells, outputs: outputSlots > 0 ? ["out", "outn"] : ["outn"], reference: semantics);
    }

    /// <summary>
    /// A random image of <paramref name="words"/> words, the shape of anadim's random programs: code for
    /// <paramref name="instructions"/> instructions at 0, random data after it (small values and, now and
    /// then, the word's edges, where wrapping and saturating differ). Operands are mostly data but also
    /// code (self-modifying writes) and now and then −1 (output) or an address outside the image;
    /// targets are mostly instruction starts, now and then −1 (halt). The last instruction is a halt, Z Z −1.
    /// <paramref name="endless"/> (for benchmarks): operands only data or −1, targets only instruction
    /// starts other than the branching instruction's own, the last instruction Z Z 0, so no state is a halt.
    /// </summary>
    public static Program RandomImage(Random random, WordFormat word, int words, int instructions, bool saturate = false, bool endless = false,
        int outputSlots = DefaultOutputSlots)
    {
        int codeWords = 3 * instructions;
        if (instructions < (endless ? 2 : 1) || codeWords + 1 > words)
            throw new ArgumentException($"{instructions} instructions and a data word do not fit {words} words" + (endless ? " (an endless image needs 2 instructions)" : ""));
        long[] edges = [word.Min, word.Min + 1, word.Max, word.Max - 1, -1, 0, 1];
        long Data() => random.Next(8) == 0 ? edges[random.Next(edges.Length)] : Math.Clamp(random.Next(-8, 9), word.Min, word.Max);
        long DataAddress() => codeWords + random.Next(words - codeWords);
        long Operand() => endless ? DataAddress() : random.Next(10) switch
        {
            0 => random.Next(codeWords),          // into the code: a self-modifying write
            1 => random.Next(20) == 0 ? Math.Min(words + random.Next(4), word.Max) : random.Next(words),
            _ => DataAddress(),
        };
        long Target(int own) => endless ? 3 * ((own + 1 + random.Next(instructions - 1)) % instructions)
            : random.Next(16) == 0 ? -1 : 3 * random.Next(instructions);
        var image = new long[words];
        for (int i = 0; i < instructions - 1; i++)
        {
            image[3 * i] = Operand();
            image[3 * i + 1] = random.Next(12) == 0 ? -1 : Operand();
            image[3 * i + 2] = Target(i);
        }
        int zero = (int)DataAddress();
        (image[codeWords - 3], image[codeWords - 2], image[codeWords - 1]) = (zero, zero, endless ? 0 : -1);
        for (int cell = codeWords; cell < words; cell++) image[cell] = Data();
        return Image($"random-classic{(saturate ? "-saturate" : "")}-N{word.Bits}-m{words}-k{instructions}", word, image,
            outputSlots: outputSlots, saturate: saturate);
    }

    public void Validate(Program program)
    {
        if (program.Instructions.Count != 0) throw new ArgumentException("a classic SUBLEQ image has no instructions apart from its memory");
        if (ImageWords < 3) throw new ArgumentException($"the image has {ImageWords} words: there is no instruction (a b c) to run");
        if (OutputSlots < 0) throw new ArgumentException("the output region cannot have a negative number of slots");
        if (program.MemorySize != MemoryCells)
            throw new ArgumentException($"a classic image of {ImageWords} words with {OutputSlots} output slots has {MemoryCells} cells; the program has {program.MemorySize}");
        if (program.Word.Bits > 32) throw new ArgumentException("classic SUBLEQ words are at most 32 bits (the PC is a word and an int)");
    }

    bool InImage(long address) => address >= 0 && address < ImageWords;

    /// <summary>Whether the instruction at <paramref name="pc"/> can run, and if not, why.</summary>
    public ClassicCondition StatusAt(IReadOnlyList<long> memory, int pc)
    {
        if (pc < 0) return ClassicCondition.NegativeJump;
        if (pc > ImageWords - 3) return ClassicCondition.RanOffImage;
        long a = memory[pc], b = memory[pc + 1];
        return InImage(a) && (b == -1 || InImage(b)) ? ClassicCondition.Running : ClassicCondition.BadAddress;
    }

    /// <summary>A PC past the image or an operand outside it is a fault; a negative jump or a fixed point is a halt.</summary>
    public string? Fault(Program program, IReadOnlyList<long> memory, int pc) => StatusAt(memory, pc) switch
    {
        ClassicCondition.RanOffImage => "ran-off-image",
        ClassicCondition.BadAddress => "bad-address",
        _ => null,
    };

    /// <summary>mem[b] − mem[a], wrapped or clamped to the word.</summary>
    public long Difference(long x, long y, WordFormat word) =>
        Saturate ? Math.Clamp(y - x, word.Min, word.Max) : word.Wrap(y - x);

    /// <summary>
    /// What the instruction at <paramref name="pc"/> would do (it must be <see cref="ClassicCondition.Running"/>):
    /// the cells it writes, each with its old and new value, and the next PC. <paramref name="memory"/> is left as it is.
    /// </summary>
    public (IReadOnlyList<CellWrite> Writes, int NextPc) Peek(Program program, IReadOnlyList<long> memory, int pc)
    {
        long a = memory[pc], b = memory[pc + 1], c = memory[pc + 2];
        if (b == -1)
        {
            long count = memory[CountCell];
            var counted = new CellWrite(CountCell, count, program.Word.Wrap(count + 1));
            return (count >= 0 && count < OutputSlots
                ? [new CellWrite(OutputStart + (int)count, memory[OutputStart + (int)count], memory[(int)a]), counted]
                : [counted], pc + 3);
        }
        long old = memory[(int)b], result = Difference(memory[(int)a], old, program.Word);
        return ([new CellWrite((int)b, old, result)], result <= 0 ? (int)c : pc + 3);
    }

    public IReferenceMachine Start(Program program, long[] memory) => new ClassicInterpreter(program, memory);

    public bool IsFixedPoint(Program program, IReadOnlyList<long> memory, int pc)
    {
        if (StatusAt(memory, pc) != ClassicCondition.Running) return true;
        var (writes, next) = Peek(program, memory, pc);
        return next == pc && writes.All(w => w.Old == w.New);
    }

    /// <summary>None named: code is memory, so the b of a jump to itself can be any cell of the image; the engine compares the whole memory in place.</summary>
    public IReadOnlyList<int>? RestingWrites(Program program) => null;

    /// <summary>
    /// No cells: any state that stays at <paramref name="pc"/> may be halted (out of the image, nothing
    /// changes) or a jump to itself, and whether it changed anything is the in-place comparison's to say.
    /// </summary>
    public IReadOnlyList<int>? CellsDecidingRest(Program program, int pc) => [];

    public string Describe(Program program, IReadOnlyList<long> memory, int pc)
    {
        var status = StatusAt(memory, pc);
        string words = pc >= 0 && pc <= ImageWords - 3 ? $"{memory[pc]} {memory[pc + 1]} {memory[pc + 2]}" : $"no instruction at {pc}";
        return status == ClassicCondition.Running ? words : $"{words} ({status})";
    }
}

/// <summary>The classic SUBLEQ reference interpreter (<see cref="ClassicSubleq"/>): the executable specification of the classic machine.</summary>
public sealed class ClassicInterpreter : IReferenceMachine
{
    public Program Program { get; }
    public ClassicSubleq Semantics { get; }
    public long[] Memory { get; }
    public int Pc { get; private set; }
    public long Steps { get; private set; }

    public ClassicInterpreter(Program program, long[]? memory = null)
    {
        Program = program;
        Semantics = program.Reference as ClassicSubleq ?? throw new ArgumentException($"{program.Name} is not a classic SUBLEQ image");
        Memory = memory ?? program.InitialMemory.ToArray();
        if (Memory.Length != program.MemorySize)
            throw new ArgumentException($"memory has {Memory.Length} cells; the image has {program.MemorySize}");
    }

    public ClassicCondition Status => Semantics.StatusAt(Memory, Pc);
    public bool Halted => Semantics.IsFixedPoint(Program, Memory, Pc);

    /// <summary>The values output so far that the output region kept.</summary>
    public IReadOnlyList<long> Output => Memory.Skip(Semantics.OutputStart).Take((int)Math.Clamp(Memory[Semantics.CountCell], 0, Semantics.OutputSlots)).ToArray();

    public void Step()
    {
        if (Halted) return;
        var (writes, next) = Semantics.Peek(Program, Memory, Pc);
        foreach (var write in writes) Memory[write.Address] = write.New;
        Pc = next;
        Steps++;
    }

    /// <summary>Runs until a halt or until <paramref name="maxSteps"/> instructions have run.</summary>
    public RunResult Run(long maxSteps)
    {
        while (!Halted && Steps < maxSteps) Step();
        return new RunResult(Halted ? RunStatus.Halted : RunStatus.StepLimit, Steps, Pc, Memory.ToArray());
    }
}
