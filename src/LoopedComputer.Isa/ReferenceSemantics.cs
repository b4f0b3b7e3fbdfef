namespace LoopedComputer.Isa;

/// <summary>
/// A reference machine stepping one program: the executable specification a transformer is checked
/// against in lockstep. <see cref="Pc"/> is what the machine's PC rows decode to (an instruction index
/// for FLEQ, a word address for classic SUBLEQ).
/// </summary>
public interface IReferenceMachine
{
    Program Program { get; }
    long[] Memory { get; }
    int Pc { get; }

    /// <summary>Instructions executed (a halt is not one).</summary>
    long Steps { get; }

    bool Halted { get; }

    /// <summary>Executes one instruction; nothing once halted.</summary>
    void Step();
}

/// <summary>
/// What a program means: how it starts a reference machine, which states are halts (fixed points),
/// and which cells decide a fixed point (what the engine watches to see a run come to rest). A
/// <see cref="Program"/> carries its own (<see cref="Program.Reference"/>), FLEQ unless made otherwise.
/// </summary>
public interface IReferenceSemantics
{
    /// <summary>Throws <see cref="ArgumentException"/> if <paramref name="program"/>'s instructions or memory break this semantics' rules.</summary>
    void Validate(Program program);

    IReferenceMachine Start(Program program, long[] memory);

    /// <summary>True when the state is a halt: the next step would leave the PC and every cell as they are.</summary>
    bool IsFixedPoint(Program program, IReadOnlyList<long> memory, int pc);

    /// <summary>
    /// The cells a step that leaves the PC where it was may write, over every such PC (ascending); null
    /// when any cell may be (code is memory): the engine then compares the whole memory from loop to loop in place.
    /// </summary>
    IReadOnlyList<int>? RestingWrites(Program program);

    /// <summary>
    /// The cells whose values decide whether a step that stayed at <paramref name="pc"/> changed
    /// nothing, a subset of <see cref="RestingWrites"/>; null when no state at <paramref name="pc"/> is a fixed point.
    /// </summary>
    IReadOnlyList<int>? CellsDecidingRest(Program program, int pc);

    /// <summary>The instruction at <paramref name="pc"/>, as a divergence or a trace names it.</summary>
    string Describe(Program program, IReadOnlyList<long> memory, int pc);

    /// <summary>
    /// For a halted state: why it stopped, when that is a fault rather than a halt the program meant
    /// (a results table names it, e.g. <c>ran-off-image</c>), or null.
    /// </summary>
    string? Fault(Program program, IReadOnlyList<long> memory, int pc) => null;
}

/// <summary>Runs a program on the reference machine its own semantics start (<see cref="Program.Reference"/>).</summary>
public static class ReferenceRun
{
    /// <summary>Runs on a copy of <paramref name="memory"/> (the program's initial memory if null) until a halt or <paramref name="maxSteps"/> instructions.</summary>
    public static RunResult Run(Program program, IReadOnlyList<long>? memory, long maxSteps)
    {
        var machine = program.Reference.Start(program, (memory ?? program.InitialMemory).ToArray());
        while (!machine.Halted && machine.Steps < maxSteps) machine.Step();
        return new RunResult(machine.Halted ? RunStatus.Halted : RunStatus.StepLimit, machine.Steps, machine.Pc, machine.Memory.ToArray());
    }
}

/// <summary>The FLEQ semantics (<see cref="Semantics"/>, <see cref="Interpreter"/>): instructions apart from memory.</summary>
public sealed class FleqReference : IReferenceSemantics
{
    public static readonly FleqReference Instance = new();

    FleqReference() { }

    public void Validate(Program program)
    {
        int m = program.MemorySize, k = program.Instructions.Count;
        if (k == 0 || !program.Instructions[k - 1].IsHaltAt(k - 1))
            throw new ArgumentException("the last instruction must be a halt (subleq z, z, self)");
        for (int i = 0; i < k; i++)
        {
            var ins = program.Instructions[i];
            foreach (var (field, cell) in new[] { ("a", ins.A), ("b", ins.B), ("c", ins.C), ("flag", ins.Flag) })
                if (cell < 0 || cell >= m)
                    throw new ArgumentException($"instruction {i}: {field} = {cell} is not a memory cell (0..{m - 1})");
            if ((int)ins.F < 0 || ins.F.IsUnit() && ins.F.UnitIndex() >= program.Units.Count)
                throw new ArgumentException($"instruction {i}: function {(int)ins.F} is neither built in nor one of the program's {program.Units.Count} unit(s)");
            if (ins.Target < 0 || ins.Target >= k)
                throw new ArgumentException($"instruction {i}: target {ins.Target} is not an instruction (0..{k - 1})");
        }
    }

    public IReferenceMachine Start(Program program, long[] memory) => new Interpreter(program, memory);

    public bool IsFixedPoint(Program program, IReadOnlyList<long> memory, int pc) =>
        pc >= 0 && pc < program.Instructions.Count && Semantics.IsFixedPoint(program, memory, pc);

    /// <summary>c of every instruction that can branch to itself (none for an indirect jump); every cell if one is an indirect store.</summary>
    public IReadOnlyList<int> RestingWrites(Program program)
    {
        var resting = program.Instructions.Where((ins, i) => ins.CanRestAt(i) && ins.F != Function.Jmp).ToList();
        return resting.Any(ins => ins.F == Function.Store)
            ? Enumerable.Range(0, program.MemorySize).ToArray()
            : resting.Select(ins => ins.C).Distinct().Order().ToArray();
    }

    public IReadOnlyList<int>? CellsDecidingRest(Program program, int pc)
    {
        if (pc < 0 || pc >= program.Instructions.Count || !program.Instructions[pc].CanRestAt(pc)) return null;
        var ins = program.Instructions[pc];
        return ins.F switch
        {
            Function.Jmp => [],
            Function.Store => Enumerable.Range(0, program.MemorySize).ToArray(),
            _ => [ins.C],
        };
    }

    public string Describe(Program program, IReadOnlyList<long> memory, int pc) =>
        pc >= 0 && pc < program.Instructions.Count ? program.Describe(pc) : $"no instruction at {pc}";
}
