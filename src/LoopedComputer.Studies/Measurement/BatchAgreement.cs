using LoopedComputer.Engine;

namespace LoopedComputer.Studies.Measurement;

/// <summary>
/// Lockstep for a whole batch at the cost of reading only what an instruction can change: every
/// loop, the engine's halt history records each row's PC rows and the word rows of every memory
/// cell (no d×n snapshot), and each row is compared with its own reference machine after every
/// loop, halted or not: a halted interpreter stays where it is, so a row that halts must also stay
/// at its fixed point. A NaN or infinity in what was read is a divergence.
/// </summary>
public static class BatchAgreement
{
    /// <summary>Entries of the history read back at once (loops × word rows × batch × cells): bounds its memory on wide machines.</summary>
    const long HistoryEntries = 1L << 22;

    /// <summary>
    /// Runs <paramref name="runs"/> (loaded into <paramref name="session"/> as one batch) for up to
    /// <paramref name="loops"/> loops and returns, per row, the loop after which its PC or a cell
    /// first differed from the interpreter's, or null where it agreed throughout. With
    /// <paramref name="stopAtFirst"/> the run ends at the first chunk in which any row diverged
    /// (the other rows then read null if they had not diverged yet). <paramref name="afterLoop"/>, if
    /// given, runs after each loop's PC and cells are recorded (the noise study adds noise there, so
    /// that the next loop reads it and what is compared is a loop's own output).
    /// </summary>
    public static long?[] FirstDivergence(MachineSession session, IReadOnlyList<BatchRun> runs, long loops, bool stopAtFirst,
        Action<MachineSession>? afterLoop = null)
    {
        session.Reset(runs);
        var layout = session.Machine.Layout;
        int batch = runs.Count, cells = layout.MemoryCells, pcRows = layout.Pc.Width, wordRows = layout.Memory.Width;
        var references = runs.Select(r => r.Program.Reference.Start(r.Program, r.Memory.ToArray())).ToArray();
        var columns = Enumerable.Range(0, cells).Select(layout.MemoryColumnOf).ToArray();
        int capacity = (int)Math.Clamp(HistoryEntries / Math.Max(1L, (long)wordRows * batch * cells), 1, MachineSession.DefaultMaxHaltCheckInterval);
        using var history = session.Engine.WatchHalts(capacity, columns);
        var diverged = new long?[batch];
        var pcBits = new double[pcRows];
        var wordBits = new double[wordRows];
        int open = batch;
        long done = 0;
        while (done < loops && open > 0)
        {
            // Short chunks first, so that a run stopping at its first divergence stops soon after it.
            int chunk = (int)Math.Min(Math.Clamp(done / 4, 1, capacity), loops - done);
            for (int i = 0; i < chunk; i++)
            {
                session.Step();
                history.Record(i);
                afterLoop?.Invoke(session);
            }
            var pcValues = history.ReadPc(chunk);
            var cellValues = history.ReadCells(chunk);
            bool any = false;
            for (int b = 0; b < batch; b++)
            {
                if (diverged[b] is not null) continue;
                var reference = references[b];
                for (int i = 0; i < chunk; i++)
                {
                    reference.Step();
                    if (!Agrees(i, b))
                    {
                        diverged[b] = done + i + 1;
                        open--;
                        any = true;
                        break;
                    }
                }
            }
            done += chunk;
            if (stopAtFirst && any) break;

            bool Agrees(int i, int b)
            {
                var reference = references[b];
                for (int w = 0; w < pcRows; w++)
                {
                    double v = pcValues[(i * pcRows + w) * batch + b];
                    if (!double.IsFinite(v)) return false;
                    pcBits[w] = v;
                }
                if (layout.DecodePc(pcBits) != reference.Pc) return false;
                for (int c = 0; c < cells; c++)
                {
                    for (int w = 0; w < wordRows; w++)
                    {
                        double v = cellValues[((i * wordRows + w) * batch + b) * cells + c];
                        if (!double.IsFinite(v)) return false;
                        wordBits[w] = v;
                    }
                    if (layout.DecodeCell(wordBits) != reference.Memory[c]) return false;
                }
                return true;
            }
        }
        return diverged;
    }
}
