using LoopedComputer.Isa;
using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// Lockstep over a batch: every row of one [batch, d, n] state runs its own program (all of one
/// shape) beside its own interpreter, and each row's PC and cells are compared after every loop,
/// as <see cref="Lockstep.Verify"/> does for one. A row that diverges is reported and no longer
/// compared; a row that halts is checked once more to be a fixed point and then left to rest.
/// A divergence is explained (its loop replayed layer by layer) only after the batch has finished,
/// because the replay loads the session with that one row.
/// </summary>
public static class LockstepBatch
{
    public static IReadOnlyList<VerifyResult> Verify(MachineSession session, IReadOnlyList<BatchRun> runs, long maxSteps, Action<long>? progress = null)
    {
        session.Reset(runs);
        var layout = session.Machine.Layout;
        var interpreters = runs.Select(r => r.Program.Reference.Start(r.Program, r.Memory.ToArray())).ToArray();
        var results = new VerifyResult?[runs.Count];
        var diverged = new (MachineState State, long Step, int Pc, double[,]? Before, string Instruction)?[runs.Count];
        var before = new double[runs.Count][,];
        for (int b = 0; b < runs.Count; b++)
        {
            before[b] = session.Snapshot(b);
            var initial = layout.Decode(before[b]);
            if (initial.Pc != interpreters[b].Pc || !initial.Memory.SequenceEqual(interpreters[b].Memory))
                (results[b], diverged[b]) = (new VerifyResult(0, RunStatus.StepLimit, null),
                    (initial, 0L, interpreters[b].Pc, null, Lockstep.Describe(runs[b].Program, runs[b].Memory, interpreters[b].Pc)));
        }
        // A halted row runs one loop more, which must leave its fixed point as it is.
        var restingAt = new int?[runs.Count];
        for (long loop = 0; results.Any(r => r is null); loop++)
        {
            var stepping = Enumerable.Range(0, runs.Count)
                .Where(b => results[b] is null && restingAt[b] is null && !interpreters[b].Halted && interpreters[b].Steps < maxSteps).ToList();
            foreach (int b in Enumerable.Range(0, runs.Count).Where(b => results[b] is null && restingAt[b] is null && !stepping.Contains(b)))
            {
                if (interpreters[b].Halted) restingAt[b] = interpreters[b].Pc;
                else results[b] = new VerifyResult(interpreters[b].Steps, RunStatus.StepLimit, null);
            }
            if (results.All(r => r is not null)) break;
            // Each stepping row's PC and instruction before the step, to name it if the row diverges.
            var executing = stepping.ToDictionary(b => b, b => (interpreters[b].Pc, Instruction: runs[b].Program.Reference.Describe(runs[b].Program, interpreters[b].Memory, interpreters[b].Pc)));
            foreach (int b in stepping) interpreters[b].Step();
            session.Step();
            for (int b = 0; b < runs.Count; b++)
            {
                if (results[b] is not null) continue;
                var now = session.Snapshot(b);
                var state = layout.Decode(now);
                var interpreter = interpreters[b];
                if (restingAt[b] is int haltPc)
                {
                    results[b] = new VerifyResult(interpreter.Steps, RunStatus.Halted, null);
                    if (state.Pc != haltPc || !state.Memory.SequenceEqual(interpreter.Memory))
                        diverged[b] = (state, interpreter.Steps + 1, haltPc, before[b], Lockstep.Describe(runs[b].Program, interpreter.Memory, haltPc));
                    continue;
                }
                if (state.Pc != interpreter.Pc || !state.Memory.SequenceEqual(interpreter.Memory) || !Lockstep.AllFinite(now))
                    (results[b], diverged[b]) = (new VerifyResult(interpreter.Steps, RunStatus.StepLimit, null),
                        (state, interpreter.Steps, executing[b].Pc, before[b], executing[b].Instruction));
                before[b] = now;
            }
            if ((loop + 1) % 16 == 0) progress?.Invoke(loop + 1);
        }
        // A halted row's interpreter stands at its fixed point: one step past the halt is the same state.
        return results.Select((r, b) => diverged[b] is not { } d ? r!
            : r! with { Divergence = Lockstep.Compare(session, runs[b].Program, interpreters[b], d.State, d.Step, d.Pc, d.Before, d.Instruction) }).ToList();
    }
}
