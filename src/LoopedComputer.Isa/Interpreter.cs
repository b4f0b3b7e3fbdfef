namespace LoopedComputer.Isa;

/// <summary>One executed instruction, as the trace shows it.</summary>
public sealed record TraceStep(long Step, int Pc, Instruction Instruction, CellWrite? Write, int NextPc);

public enum RunStatus
{
    /// <summary>The run reached a fixed point: the instruction at the PC would change nothing.</summary>
    Halted,
    /// <summary>The step limit was reached before a halt.</summary>
    StepLimit,
}

/// <summary>Where a run ended. <see cref="Steps"/> counts executed instructions, the halt not included.</summary>
public sealed record RunResult(RunStatus Status, long Steps, int Pc, long[] Memory);

/// <summary>
/// The reference interpreter. A program has halted when the instruction at its PC would leave the PC
/// and the memory unchanged (a fixed point, <see cref="Semantics.IsFixedPoint"/>); that instruction
/// is not counted as a step (executing it would change nothing).
/// </summary>
public sealed class Interpreter : IReferenceMachine
{
    public Program Program { get; }
    public long[] Memory { get; }
    public int Pc { get; private set; }
    public long Steps { get; private set; }

    public Interpreter(Program program, long[]? memory = null)
    {
        Program = program;
        Memory = memory ?? program.InitialMemory.ToArray();
        if (Memory.Length != program.MemorySize)
            throw new ArgumentException($"memory has {Memory.Length} cells; the program has {program.MemorySize}");
    }

    public bool Halted => Semantics.IsFixedPoint(Program, Memory, Pc);

    /// <summary>Executes one instruction (nothing if halted) and describes it.</summary>
    public TraceStep Step()
    {
        int pc = Pc;
        if (Halted) return new TraceStep(Steps, pc, Program.Instructions[pc], null, pc);
        Pc = Semantics.Execute(Program, Memory, pc, out var write);
        Steps++;
        return new TraceStep(Steps, pc, Program.Instructions[pc], write, Pc);
    }

    void IReferenceMachine.Step() => Step();

    /// <summary>Runs until a halt or until <paramref name="maxSteps"/> instructions have run.</summary>
    public RunResult Run(long maxSteps, Action<TraceStep>? trace = null)
    {
        while (!Halted && Steps < maxSteps)
        {
            var step = Step();
            trace?.Invoke(step);
        }
        return new RunResult(Halted ? RunStatus.Halted : RunStatus.StepLimit, Steps, Pc, Memory.ToArray());
    }

    /// <summary>Runs on a copy of <paramref name="memory"/> (the caller's array is left as it is).</summary>
    public static RunResult Run(Program program, long[]? memory, long maxSteps, Action<TraceStep>? trace = null) =>
        new Interpreter(program, memory?.ToArray()).Run(maxSteps, trace);
}
