using System.Diagnostics;
using LoopedComputer.Machines;
using LoopedComputer.Isa;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>Where a transformer run ended. <see cref="Loops"/> counts loops until the PC reached a halt.</summary>
public sealed record TransformerResult(RunStatus Status, long Loops, int Pc, long[] Memory, TimeSpan Elapsed)
{
    public double LoopsPerSecond => Loops / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>One row of a batch: a program of the machine's shape and its initial memory.</summary>
public sealed record BatchRun(Program Program, IReadOnlyList<long> Memory);

/// <summary>
/// Where every row of a batch ended. <see cref="Loops"/> is how many loops the batch ran (until all
/// rows halted or the limit); each row's own count is in <see cref="Runs"/>.
/// </summary>
public sealed record BatchResult(IReadOnlyList<TransformerResult> Runs, long Loops, TimeSpan Elapsed)
{
    /// <summary>Loops the rows needed, summed: the useful work of the batch.</summary>
    public long ProgramLoops => Runs.Sum(r => r.Loops);
    public double ProgramLoopsPerSecond => ProgramLoops / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>How far a batch has got, reported after every halt check.</summary>
public readonly record struct BatchProgress(long Loops, int Halted, int Runs);

/// <summary>
/// A compiled machine on an engine (<see cref="ILoopEngine"/>) with its state: one program, or a
/// batch of programs of the machine's shape (one input set each). The engine keeps the state; the
/// session reads the PC rows only at halt checks, and the whole state only when asked.
/// </summary>
public sealed class MachineSession : IDisposable
{
    /// <summary>The most loops between two halt checks (see <see cref="HaltCheckInterval"/>).</summary>
    public const int DefaultMaxHaltCheckInterval = 64;

    /// <summary>The program loaded by <see cref="Reset(IReadOnlyList{long})"/>, <see cref="Step"/> and <see cref="Read"/> (row 0).</summary>
    public Program Program { get; }
    public CompiledMachine Machine { get; }
    public ILoopEngine Engine { get; }

    /// <summary>Opens <paramref name="machine"/> on <paramref name="device"/> with the engine <paramref name="engine"/> names (<see cref="Engines.Resolve"/>) and loads <paramref name="program"/>.</summary>
    public MachineSession(Program program, CompiledMachine machine, Device device, EngineKind engine = EngineKind.Auto)
    {
        Program = program;
        Machine = machine;
        Engine = Engines.Open(machine, device, engine);
        Reset(program.InitialMemory);
    }

    /// <summary>The layers' names, in order: what a layer-by-layer diagnosis names.</summary>
    public IReadOnlyList<string> LayerNames => [.. Machine.Weights.Layers.Select(l => l.Name)];

    double[,] Encode(BatchRun run)
    {
        var layout = Machine.Layout;
        if (layout.ShapeMismatch(run.Program) is { } mismatch) throw new ArgumentException(mismatch);
        return layout.Encode(run.Program, run.Memory);
    }

    /// <summary>Row <paramref name="row"/> of the state X as a d×n matrix (a copy).</summary>
    public double[,] Snapshot(int row = 0) => Engine.Snapshot(row);

    /// <summary>Loads <see cref="Program"/> with <paramref name="memory"/> as a batch of one.</summary>
    public void Reset(IReadOnlyList<long> memory) => Reset([new BatchRun(Program, memory)]);

    /// <summary>Loads one row per run. Throws <see cref="ArgumentException"/> for a program of another shape.</summary>
    public void Reset(IReadOnlyList<BatchRun> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("a batch needs at least one run");
        Engine.Load(runs.Select(Encode).ToList());
    }

    /// <summary>One loop on every row.</summary>
    public void Step() => Engine.Loop();

    /// <summary>Per-layer time of <paramref name="loops"/> loops from the current state (which is not advanced).</summary>
    public List<LayerTime> Profile(int loops) => Engine.Profile(loops);

    public MachineState Read(int row = 0) => Machine.Layout.Decode(Snapshot(row));

    /// <summary>Every layer's output for one loop from the current state, as matrices (row 0); the state is not advanced.</summary>
    public List<double[,]> TraceLayers() => Engine.LoopWithLayerOutputs().Select(rows => rows[0]).ToList();

    /// <summary>
    /// Traces one loop from <paramref name="state"/> (d×n) as <see cref="TraceLayers()"/> does, then
    /// loads the states the session held before, so a diagnosis in the middle of a batch leaves the batch as it was.
    /// </summary>
    public List<double[,]> TraceLayers(double[,] state)
    {
        var held = Enumerable.Range(0, Engine.Batch).Select(Engine.Snapshot).ToList();
        Engine.Load([state]);
        var outputs = TraceLayers();
        Engine.Load(held);
        return outputs;
    }

    /// <summary>
    /// Loops to run before the next halt check, given the loops run so far: one sixteenth of them,
    /// between 1 and <paramref name="maxInterval"/>. A halt is then caught within 1/16 of the
    /// run's length (the extra loops change nothing: a halt is a fixed point), and a run of L loops
    /// makes O(16·log L) checks until the interval reaches its maximum, L/max after.
    /// </summary>
    public static int HaltCheckInterval(long loopsSoFar, int maxInterval) => (int)Math.Clamp(loopsSoFar / 16, 1, maxInterval);

    /// <summary>Runs <see cref="Program"/> from <paramref name="memory"/> until it halts (a fixed point) or <paramref name="maxLoops"/> loops have run.</summary>
    public TransformerResult Run(IReadOnlyList<long> memory, long maxLoops, int maxHaltCheckInterval = DefaultMaxHaltCheckInterval,
        Action<BatchProgress>? progress = null) =>
        RunBatch([new BatchRun(Program, memory)], maxLoops, maxHaltCheckInterval, progress).Runs[0];

    /// <summary>
    /// A NaN or infinity appeared during the last <paramref name="chunk"/> loops: replays the run from
    /// its punchcards (the loop is deterministic) to the chunk's start, then the chunk layer by
    /// layer, and throws naming the first layer that made it. Nothing is saved on the way for this:
    /// the fault path pays, not every loop. Leaves the state as it was if no layer is found.
    /// </summary>
    void LocateNonFinite(IReadOnlyList<BatchRun> runs, long loopsBefore, int chunk)
    {
        Reset(runs); // as many rows as before: the run's halt history stays live
        for (long i = 0; i < loopsBefore; i++) Step();
        NonFiniteCheck.Locate(Engine, LayerNames, Machine.Layout, loopsBefore + 1, chunk);
    }

    /// <summary>
    /// Runs every row until all have halted or <paramref name="maxLoops"/> loops have run. A row has
    /// halted at loop t when its state is a fixed point: loop t + 1 leaves its PC and memory as they
    /// were. Only an instruction that can branch to itself can do that, and it writes at most one
    /// cell, so the PC rows and the memory rows of the cells such instructions write are enough to
    /// see it; they are copied into a history on the device every loop and read back at halt checks,
    /// so the loop itself never waits for the device. Rows that halt early keep executing their
    /// fixed point, which changes nothing, until a check sees the halt and finishes them on the engine
    /// (<see cref="ILoopEngine.Finish"/>), so each row's final state is its state at its halt. Each
    /// halt check also checks that the state is finite; if not, the chunk is replayed layer by layer
    /// and a <see cref="NonFiniteStateException"/> names the loop and the first layer that made a NaN or Inf.
    /// </summary>
    public BatchResult RunBatch(IReadOnlyList<BatchRun> runs, long maxLoops, int maxHaltCheckInterval = DefaultMaxHaltCheckInterval,
        Action<BatchProgress>? progress = null)
    {
        if (maxHaltCheckInterval < 1) throw new ArgumentException("the halt check interval must be at least 1");
        Reset(runs);
        var layout = Machine.Layout;
        int batch = runs.Count, width = layout.Pc.Width, wordRows = layout.Memory.Width;
        var watch = new FixedPointWatch(runs.Select(r => r.Program).ToArray(), layout.MemoryCells);
        var loopsToHalt = new long[batch];
        var lastPc = new int[batch]; // each row's PC and watched cells at the end of the last chunk read
        var lastCells = new long[batch][];
        for (int b = 0; b < batch; b++)
        {
            loopsToHalt[b] = runs[b].Program.Reference.IsFixedPoint(runs[b].Program, runs[b].Memory, 0) ? 0 : -1; // every punchcard starts at PC 0
            lastCells[b] = watch.ComparesInPlace ? [] : watch.Cells.Select(c => runs[b].Memory[c]).ToArray();
        }
        int halted = loopsToHalt.Count(l => l == 0);
        long loops = 0;
        var clock = Stopwatch.StartNew();
        var watchedColumns = watch.Cells.Select(layout.MemoryColumnOf).ToArray();
        using var history = Engine.WatchHalts(maxHaltCheckInterval, watchedColumns, watch.ComparesInPlace);
        var pcBits = new double[width];
        var wordBits = new double[wordRows];
        while (halted < batch && loops < maxLoops)
        {
            int chunk = (int)Math.Min(HaltCheckInterval(loops, maxHaltCheckInterval), maxLoops - loops);
            for (int i = 0; i < chunk; i++)
            {
                Step();
                history.Record(i);
            }
            if (!Engine.AllFinite()) LocateNonFinite(runs, loops, chunk);
            var pcValues = history.ReadPc(chunk);
            var cellValues = history.ReadCells(chunk);
            var changes = history.ReadChanges(chunk);
            // Watched cell j of row b after loop i of this chunk, decoded only where a comparison needs it; i = −1 is the last chunk's end.
            long Cell(int i, int b, int j)
            {
                if (i < 0) return lastCells[b][j];
                for (int w = 0; w < wordRows; w++) wordBits[w] = cellValues[((i * wordRows + w) * batch + b) * watchedColumns.Length + j];
                return layout.DecodeCell(wordBits);
            }
            for (int b = 0; b < batch; b++)
            {
                if (loopsToHalt[b] >= 0) continue;
                int pcBefore = lastPc[b];
                for (int i = 0; i < chunk && loopsToHalt[b] < 0; i++)
                {
                    for (int w = 0; w < width; w++) pcBits[w] = pcValues[(i * width + w) * batch + b];
                    int pc = layout.DecodePc(pcBits);
                    if (watch.SlotsDeciding(runs[b].Program, pcBefore, pc) is { } slots
                        && (watch.ComparesInPlace ? changes[i * batch + b] == 0 : slots.All(j => Cell(i - 1, b, j) == Cell(i, b, j))))
                    {
                        loopsToHalt[b] = loops + i; // the state before this loop was the fixed point
                        halted++;
                        Engine.Finish(b);
                    }
                    pcBefore = pc;
                }
                if (loopsToHalt[b] >= 0) continue;
                lastPc[b] = pcBefore;
                for (int j = 0; j < lastCells[b].Length; j++) lastCells[b][j] = Cell(chunk - 1, b, j);
            }
            loops += chunk;
            progress?.Invoke(new BatchProgress(loops, halted, batch));
        }
        clock.Stop();
        var results = Enumerable.Range(0, batch).Select(b =>
        {
            var final = layout.Decode(Snapshot(b));
            // A row whose last state is a fixed point halted at the limit: seeing it needs one loop more.
            if (loopsToHalt[b] < 0 && runs[b].Program.Reference.IsFixedPoint(runs[b].Program, final.Memory, final.Pc)) loopsToHalt[b] = loops;
            return loopsToHalt[b] >= 0
                ? new TransformerResult(RunStatus.Halted, loopsToHalt[b], final.Pc, final.Memory, clock.Elapsed)
                : new TransformerResult(RunStatus.StepLimit, loops, final.Pc, final.Memory, clock.Elapsed);
        }).ToList();
        return new BatchResult(results, loops, clock.Elapsed);
    }

    public void Dispose()
    {
        Engine.Dispose();
    }
}
