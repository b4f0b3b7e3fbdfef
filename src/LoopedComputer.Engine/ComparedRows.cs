using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// What lockstep compares, read back from the engine and nothing more: each batch row's PC (column
/// 0 of the PC rows) and the word rows of every memory cell (a wrong write to any cell is a
/// divergence), through a one-slot halt history (<see cref="ILoopEngine.WatchHalts"/>), decoded.
/// The rest of the state stays on the engine. Valid while the engine holds the same batch: after a
/// diagnosis loads another state, open a new one.
/// </summary>
sealed class ComparedRows : IDisposable
{
    readonly IMachineLayout layout;
    readonly IHaltHistory history;
    readonly int batch;
    readonly double[] pcBits, wordBits;
    double[] pc = [], cells = [];

    public ComparedRows(MachineSession session)
    {
        layout = session.Machine.Layout;
        batch = session.Engine.Batch;
        history = session.Engine.WatchHalts(1, [.. Enumerable.Range(0, layout.MemoryCells).Select(layout.MemoryColumnOf)]);
        pcBits = new double[layout.Pc.Width];
        wordBits = new double[layout.Memory.Width];
    }

    /// <summary>Reads the PC and memory rows of every batch row from the engine's current state.</summary>
    public void Capture()
    {
        history.Record(0);
        pc = history.ReadPc(1);
        cells = history.ReadCells(1);
    }

    /// <summary>Batch row <paramref name="row"/>'s PC and memory as of the last <see cref="Capture"/>.</summary>
    public MachineState Decode(int row)
    {
        for (int w = 0; w < pcBits.Length; w++) pcBits[w] = pc[w * batch + row];
        var memory = new long[layout.MemoryCells];
        for (int cell = 0; cell < memory.Length; cell++)
        {
            for (int w = 0; w < wordBits.Length; w++) wordBits[w] = cells[(w * batch + row) * memory.Length + cell];
            memory[cell] = layout.DecodeCell(wordBits);
        }
        return new MachineState(layout.DecodePc(pcBits), memory);
    }

    public void Dispose() => history.Dispose();
}
