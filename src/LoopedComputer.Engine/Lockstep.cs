using LoopedComputer.Machines;
using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>A cell whose value on the transformer differs from the interpreter's.</summary>
public sealed record CellDifference(int Cell, long Expected, long Actual);

/// <summary>
/// The first step at which the transformer left the interpreter: the instruction executed (as its semantics describes it), the PCs,
/// the cells that differ, and the first layer of that loop whose output held an entry farther than
/// ε from {−1, 0, 1} (with the row field and column of the worst one).
/// </summary>
public sealed record Divergence(
    long Step, int Pc, string Instruction, SourceMapEntry? Source,
    int ExpectedPc, int ActualPc, IReadOnlyList<CellDifference> Cells, string? FirstUncleanLayer);

public sealed record VerifyResult(long Steps, RunStatus Status, Divergence? Divergence)
{
    public bool Passed => Divergence is null && Status == RunStatus.Halted;
}

/// <summary>
/// The transformer and the interpreter stepped side by side from one memory: after each
/// <see cref="Step"/> both have executed one more instruction, and <see cref="Agrees"/> says whether
/// the transformer's decoded PC and cells equal the interpreter's. Only the PC and memory rows are
/// read back from the engine (<see cref="ComparedRows"/>), never the whole state. Verification and
/// tracing both walk it.
/// </summary>
public sealed class LockstepWalk : IDisposable
{
    readonly MachineSession session;
    readonly ComparedRows compared;

    /// <summary>Loads <paramref name="memory"/> into the session and an interpreter.</summary>
    public LockstepWalk(MachineSession session, IReadOnlyList<long> memory)
    {
        this.session = session;
        session.Reset(memory);
        Interpreter = session.Program.Reference.Start(session.Program, memory.ToArray());
        compared = new ComparedRows(session);
        compared.Capture();
        Decoded = compared.Decode(0);
    }

    /// <summary>The program's reference machine (<see cref="IReferenceSemantics.Start"/>): the FLEQ interpreter, or classic SUBLEQ's.</summary>
    public IReferenceMachine Interpreter { get; }

    /// <summary>The transformer's PC and memory after the last step, decoded from the rows read back.</summary>
    public MachineState Decoded { get; private set; }

    public bool Agrees => Decoded.Pc == Interpreter.Pc && Decoded.Memory.SequenceEqual(Interpreter.Memory);

    /// <summary>One instruction on the interpreter and one loop on the transformer; returns what came before.</summary>
    public (int Pc, long[] InterpreterMemory, MachineState Transformer) Step()
    {
        var before = (Interpreter.Pc, Interpreter.Memory.ToArray(), Decoded);
        Interpreter.Step();
        session.Step();
        compared.Capture();
        Decoded = compared.Decode(0);
        return before;
    }

    public void Dispose() => compared.Dispose();
}

/// <summary>Runs the transformer and the interpreter side by side, comparing PC and every cell after every step.</summary>
public static class Lockstep
{
    public static VerifyResult Verify(MachineSession session, IReadOnlyList<long> memory, long maxSteps, Action<long>? progress = null)
    {
        using var walk = new LockstepWalk(session, memory);
        var interpreter = walk.Interpreter;
        if (!walk.Agrees)
            return new VerifyResult(0, RunStatus.StepLimit, Compare(session, session.Program, interpreter, walk.Decoded, 0, interpreter.Pc, null, Describe(session.Program, memory, interpreter.Pc)));
        while (!interpreter.Halted && interpreter.Steps < maxSteps)
        {
            var before = walk.Step();
            // A NaN or infinity is a divergence even where the decoded PC and cells still agree:
            // caught at the loop that made it, the replay below names the layer.
            if (!walk.Agrees || !session.Engine.AllFinite())
            {
                var divergence = Compare(session, session.Program, interpreter, walk.Decoded, interpreter.Steps, before.Pc,
                    StateBefore(session, [new BatchRun(session.Program, memory)], interpreter.Steps - 1)[0], Describe(session.Program, before.InterpreterMemory, before.Pc));
                session.Reset(memory);
                return new VerifyResult(interpreter.Steps, RunStatus.StepLimit, divergence);
            }
            if (interpreter.Steps % 64 == 0) progress?.Invoke(interpreter.Steps);
        }
        if (!interpreter.Halted) return new VerifyResult(interpreter.Steps, RunStatus.StepLimit, null);

        // Past the halt the machine must keep executing it faithfully: the state is a fixed point,
        // so one more loop must leave the PC and every cell as they are.
        int haltPc = interpreter.Pc;
        var atHalt = session.Snapshot();
        session.Step();
        var after = session.Read();
        if (after.Pc != haltPc || !after.Memory.SequenceEqual(interpreter.Memory))
            return new VerifyResult(interpreter.Steps, RunStatus.Halted, Compare(session, session.Program, interpreter, after, interpreter.Steps + 1, haltPc, atHalt, Describe(session.Program, interpreter.Memory, haltPc)));
        return new VerifyResult(interpreter.Steps, RunStatus.Halted, null);
    }

    /// <summary>
    /// Every row's whole state after <paramref name="loops"/> loops of <paramref name="runs"/>, found by
    /// replaying them from their punchcards (the loop is deterministic), then one loop more, so the
    /// engine stands where it stood: lockstep keeps no state of its own each loop, a divergence pays.
    /// </summary>
    internal static double[][,] StateBefore(MachineSession session, IReadOnlyList<BatchRun> runs, long loops)
    {
        session.Reset(runs);
        for (long i = 0; i < loops; i++) session.Step();
        var states = Enumerable.Range(0, runs.Count).Select(session.Snapshot).ToArray();
        session.Step();
        return states;
    }

    /// <summary>
    /// Where <paramref name="actual"/> differs from the interpreter after <paramref name="step"/> (the instruction at
    /// <paramref name="pc"/>, as <paramref name="instruction"/> describes it), and the first unclean layer of that loop replayed from <paramref name="before"/>.
    /// </summary>
    internal static Divergence Compare(MachineSession session, Program program, IReferenceMachine interpreter, MachineState actual, long step, int pc,
        double[,]? before, string instruction)
    {
        var cells = Enumerable.Range(0, interpreter.Memory.Length)
            .Where(c => interpreter.Memory[c] != actual.Memory[c])
            .Select(c => new CellDifference(c, interpreter.Memory[c], actual.Memory[c])).ToList();
        string? unclean = before is null ? null : FirstUncleanLayer(session, before);
        return new Divergence(step, pc, instruction, program.SourceMap.ElementAtOrDefault(pc), interpreter.Pc, actual.Pc, cells, unclean);
    }

    internal static string Describe(Program program, IReadOnlyList<long> memory, int pc) => program.Reference.Describe(program, memory, pc);

    /// <summary>Replays the diverging loop layer by layer from the state before it.</summary>
    static string? FirstUncleanLayer(MachineSession session, double[,] before)
    {
        var layout = session.Machine.Layout;
        double tolerance = session.Machine.Definition.CleanTolerance;
        var scalar = ScalarRows(layout);
        var (firstRow, firstColumn, firstValue, firstDistance) = Worst(before, scalar);
        if (firstDistance > tolerance)
            return $"the state before this loop: {layout.NameRow(firstRow)}, column {firstColumn} = {firstValue:G6}";
        var outputs = session.TraceLayers(before);
        for (int i = 0; i < outputs.Count; i++)
        {
            var (row, column, value, distance) = Worst(outputs[i], scalar);
            if (distance > tolerance) return $"layer {i + 1} ({session.LayerNames[i]}): {layout.NameRow(row)}, column {column} = {value:G6}";
        }
        return null;
    }

    internal static bool AllFinite(double[,] x)
    {
        foreach (double v in x)
            if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>
    /// Scratch rows that hold a whole value by design (a function unit's value, say), which no clean-up
    /// snaps to −1, 0 or 1. Buffers stay in: a read that leaked shows there first.
    /// </summary>
    static bool[] ScalarRows(IMachineLayout layout)
    {
        var scalar = new bool[layout.Rows];
        foreach (var field in layout.Fields.Where(f => f.Encoding == RowEncoding.Scalar && f.Role == RowRole.Scratch))
            for (int r = field.Offset; r < field.Offset + field.Width; r++) scalar[r] = true;
        return scalar;
    }

    /// <summary>The entry farthest from −1, 0 and 1; a scalar row counts only if it is not finite.</summary>
    static (int Row, int Column, double Value, double Distance) Worst(double[,] x, bool[] scalarRows)
    {
        var worst = (Row: 0, Column: 0, Value: 0.0, Distance: 0.0);
        for (int r = 0; r < x.GetLength(0); r++)
            for (int c = 0; c < x.GetLength(1); c++)
            {
                double v = x[r, c];
                double distance = !double.IsFinite(v) ? double.PositiveInfinity
                    : scalarRows[r] ? 0 : Math.Min(Math.Abs(v), Math.Min(Math.Abs(v - 1), Math.Abs(v + 1)));
                if (distance > worst.Distance) worst = (r, c, v, distance);
            }
        return worst;
    }
}
