using LoopedComputer.Isa;

namespace LoopedComputer.Engine;

/// <summary>
/// Lockstep over a batch: every row of one [batch, d, n] state runs its own program (all of one
/// shape) beside its own interpreter, and each row's PC and cells are compared after every loop,
/// as <see cref="Lockstep.Verify"/> does for one. A row that diverges is reported and no longer
/// compared; a row that halts is checked once more to be a fixed point and then left to rest.
/// </summary>
public static class LockstepBatch
{
    public static IReadOnlyList<VerifyResult> Verify(MachineSession session, IReadOnlyList<BatchRun> runs, long maxSteps, Action<long>? progress = null)
    {
        session.Reset(runs);
        var layout = session.Machine.Layout;
        var interpreters = runs.Select(r => r.Program.Reference.Start(r.Program, r.Memory.ToArray())).ToArray();
        var results = new VerifyResult?[runs.Count];
        var before = new double[runs.Count][,];
        for (int b = 0; b < runs.Count; b++)
        {
            before[b] = session.Snapshot(b);
            var initial = layout.Decode(before[b]);
            if (initial.Pc != interpreters[b].Pc || !initial.Memory.SequenceEqual(interpreters[b].Memory))
                results[b] = new VerifyResult(0, RunStatus.StepLimit,
                    Lockstep.Compare(session, runs[b].Program, interpreters[b], initial, 0, interpreters[b].Pc, null, Lockstep.Describe(runs[b].Program, runs[b].Memory, interpreters[b].Pc)));
        }
        // A halted row runs one loop more, which must leave its fixed point as it is.
        var restingAt = new int?[runs.Count];
        // Each stepping row's PC and memory before the step: the instruction is named from them only if the row diverges.
        var pcBefore = new int[runs.Count];
        var memoryBefore = runs.Select(r => new long[r.Memory.Count]).ToArray();
        for (long loop = 0; ; loop++)
        {
            bool anyOpen = false;
            for (int b = 0; b < runs.Count; b++)
            {
                if (results[b] is not null) continue;
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
            for (int b = 0; b < runs.Count; b++)
            {
                if (results[b] is not null) continue;
                var now = session.Snapshot(b);
                var state = layout.Decode(now);
                var interpreter = interpreters[b];
                if (restingAt[b] is int haltPc)
                {
                    // Its interpreter stands at its fixed point: one step past the halt is the same state.
                    bool rests = state.Pc == haltPc && state.Memory.SequenceEqual(interpreter.Memory);
                    results[b] = new VerifyResult(interpreter.Steps, RunStatus.Halted, rests ? null
                        : Lockstep.Compare(session, runs[b].Program, interpreter, state, interpreter.Steps + 1, haltPc, before[b], Lockstep.Describe(runs[b].Program, interpreter.Memory, haltPc)));
                    continue;
                }
                if (state.Pc != interpreter.Pc || !state.Memory.SequenceEqual(interpreter.Memory) || !Lockstep.AllFinite(now))
                    results[b] = new VerifyResult(interpreter.Steps, RunStatus.StepLimit,
                        Lockstep.Compare(session, runs[b].Program, interpreter, state, interpreter.Steps, pcBefore[b], before[b], Lockstep.Describe(runs[b].Program, memoryBefore[b], pcBefore[b])));
                before[b] = now;
            }
            if ((loop + 1) % 16 == 0) progress?.Invoke(loop + 1);
        }
        return results.Select(r => r!).ToList();
    }
}
