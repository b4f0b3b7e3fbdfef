using LoopedComputer.Machines;
using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>
/// Lockstep over a batch: every row of one [batch, d, n] state runs its own program (all of one
/// shape) beside its own interpreter, and each row's PC and cells are compared after every loop,
/// as <see cref="Lockstep.Verify"/> does for one. A row that diverges is reported and no longer
/// compared; a row that halts is checked once more to be a fixed point and then left to rest. A row
/// whose result is known is finished on the engine, which may stop looping it.
/// </summary>
public static class LockstepBatch
{
    public static IReadOnlyList<VerifyResult> Verify(MachineSession session, IReadOnlyList<BatchRun> runs, long maxSteps, Action<long>? progress = null)
    {
        session.Reset(runs);
        var interpreters = runs.Select(r => r.Program.Reference.Start(r.Program, r.Memory.ToArray())).ToArray();
        var results = new VerifyResult?[runs.Count];
        // Only the PC and memory rows are read back each loop; a diverging row's whole state before
        // the loop is found by replaying the batch (Lockstep.StateBefore), which reloads the engine.
        var compared = new ComparedRows(session);
        compared.Capture();
        for (int b = 0; b < runs.Count; b++)
        {
            var initial = compared.Decode(b);
            if (initial.Pc != interpreters[b].Pc || !initial.Memory.SequenceEqual(interpreters[b].Memory))
                results[b] = new VerifyResult(0, RunStatus.StepLimit,
                    Lockstep.Compare(session, runs[b].Program, interpreters[b], initial, 0, interpreters[b].Pc, null, Lockstep.Describe(runs[b].Program, runs[b].Memory, interpreters[b].Pc)));
        }
        // A halted row runs one loop more, which must leave its fixed point as it is.
        var restingAt = new int?[runs.Count];
        // Each stepping row's PC and memory before the step: the instruction is named from them only if the row diverges.
        var pcBefore = new int[runs.Count];
        var memoryBefore = runs.Select(r => new long[r.Memory.Count]).ToArray();
        var diverged = new List<(int Row, MachineState State, long Step, int Pc, IReadOnlyList<long> Memory)>();
        for (long loop = 0; ; loop++)
        {
            bool anyOpen = false;
            for (int b = 0; b < runs.Count; b++)
            {
                if (results[b] is not null)
                {
                    session.Engine.Finish(b);
                    continue;
                }
                var interpreter = interpreters[b];
                if (restingAt[b] is null && interpreter.Halted) restingAt[b] = interpreter.Pc;
                else if (restingAt[b] is null && interpreter.Steps >= maxSteps)
                {
                    results[b] = new VerifyResult(interpreter.Steps, RunStatus.StepLimit, null);
                    continue;
                }
                anyOpen = true;
                if (restingAt[b] is not null) continue;
                pcBefore[b] = interpreter.Pc;
                Array.Copy(interpreter.Memory, memoryBefore[b], memoryBefore[b].Length);
                interpreter.Step();
            }
            if (!anyOpen) break;
            session.Step();
            compared.Capture();
            // A NaN or infinity anywhere is looked for row by row only when the batch has one.
            bool allFinite = session.Engine.AllFinite();
            diverged.Clear();
            for (int b = 0; b < runs.Count; b++)
            {
                if (results[b] is not null) continue;
                var state = compared.Decode(b);
                var interpreter = interpreters[b];
                bool finite = allFinite || Lockstep.AllFinite(session.Snapshot(b));
                if (restingAt[b] is int haltPc)
                {
                    // Its interpreter stands at its fixed point: one step past the halt is the same state.
                    if (state.Pc == haltPc && state.Memory.SequenceEqual(interpreter.Memory) && finite) results[b] = new VerifyResult(interpreter.Steps, RunStatus.Halted, null);
                    else diverged.Add((b, state, interpreter.Steps + 1, haltPc, interpreter.Memory));
                }
                else if (state.Pc != interpreter.Pc || !state.Memory.SequenceEqual(interpreter.Memory) || !finite)
                    diverged.Add((b, state, interpreter.Steps, pcBefore[b], memoryBefore[b]));
            }
            if (diverged.Count > 0)
            {
                var before = Lockstep.StateBefore(session, runs, loop);
                foreach (var (b, state, step, pc, memory) in diverged)
                {
                    bool halted = restingAt[b] is not null;
                    results[b] = new VerifyResult(interpreters[b].Steps, halted ? RunStatus.Halted : RunStatus.StepLimit,
                        Lockstep.Compare(session, runs[b].Program, interpreters[b], state, step, pc, before[b], Lockstep.Describe(runs[b].Program, memory, pc)));
                }
                // The diagnosis loaded other states and reloaded the batch: read through a new history.
                compared.Dispose();
                compared = new ComparedRows(session);
            }
            if ((loop + 1) % 16 == 0) progress?.Invoke(loop + 1);
        }
        compared.Dispose();
        return results.Select(r => r!).ToList();
    }
}
