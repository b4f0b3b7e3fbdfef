using System.Diagnostics;
using LoopedComputer.Compiler.Machines;
using LoopedComputer.Isa;
using TorchSharp;
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
/// A compiled machine on a device with its state X [d, batch, n]: one program, or a batch of
/// programs of the machine's shape (one input set each). Rows come first so that every weight's
/// product is one 2-D product over all batch·n columns. X lives on the device; the host reads
/// the PC rows only at halt checks, and the whole state only when asked.
/// </summary>
public sealed class MachineSession : IDisposable
{
    /// <summary>The most loops between two halt checks (see <see cref="HaltCheckInterval"/>).</summary>
    public const int DefaultMaxHaltCheckInterval = 64;

    Tensor state;

    /// <summary>The program loaded by <see cref="Reset(IReadOnlyList{long})"/>, <see cref="Step"/> and <see cref="Read"/> (row 0).</summary>
    public Program Program { get; }
    public CompiledMachine Machine { get; }
    public LoopedTransformer Model { get; }
    public Device Device { get; }

    public MachineSession(Program program, CompiledMachine machine, Device device)
    {
        Program = program;
        Machine = machine;
        Device = device;
        Model = new LoopedTransformer(machine, device);
        state = Upload([new BatchRun(program, program.InitialMemory)]);
    }

    Tensor Upload(IReadOnlyList<BatchRun> runs)
    {
        var layout = Machine.Layout;
        int d = layout.Rows, n = layout.Columns;
        var flat = new double[runs.Count * d * n];
        int batch = runs.Count;
        for (int b = 0; b < batch; b++)
        {
            if (layout.ShapeMismatch(runs[b].Program) is { } mismatch) throw new ArgumentException(mismatch);
            var x = layout.Encode(runs[b].Program, runs[b].Memory);
            for (int r = 0; r < d; r++)
                Buffer.BlockCopy(x, r * n * sizeof(double), flat, (r * batch + b) * n * sizeof(double), n * sizeof(double));
        }
        using var host = torch.tensor(flat, [d, batch, n], torch.ScalarType.Float64);
        return host.to(Machine.Format.ScalarType(), Device);
    }

    /// <summary>Row <paramref name="row"/> of the state X as a d×n matrix (a copy).</summary>
    public double[,] Snapshot(int row = 0)
    {
        using var x = state.select(1, row);
        return x.ToMatrix();
    }

    /// <summary>Loads <see cref="Program"/> with <paramref name="memory"/> as a batch of one.</summary>
    public void Reset(IReadOnlyList<long> memory) => Reset([new BatchRun(Program, memory)]);

    /// <summary>Loads one row per run. Throws <see cref="ArgumentException"/> for a program of another shape.</summary>
    public void Reset(IReadOnlyList<BatchRun> runs)
    {
        if (runs.Count == 0) throw new ArgumentException("a batch needs at least one run");
        var next = Upload(runs);
        state.Dispose();
        state = next;
    }

    /// <summary>One loop on every row.</summary>
    public void Step() => Model.LoopInPlace(state);

    /// <summary>Per-layer time of <paramref name="loops"/> loops from the current state (which is not advanced).</summary>
    public List<LayerTime> Profile(int loops) => LayerProfile.Measure(Model, state, loops);

    public MachineState Read(int row = 0) => Machine.Layout.Decode(Snapshot(row));

    /// <summary>Every layer's output for one loop from the current state, as matrices (row 0); the state is not advanced.</summary>
    public List<double[,]> TraceLayers()
    {
        var outputs = Model.LoopWithLayerOutputs(state);
        var matrices = outputs.Select(o => { using var row = o.select(1, 0); return row.ToMatrix(); }).ToList();
        foreach (var output in outputs) output.Dispose();
        return matrices;
    }

    static bool IsHalt(Program program, int pc) => pc >= 0 && program.Instructions[pc].IsHaltAt(pc);

    /// <summary>
    /// Loops to run before the next halt check, given the loops run so far: one sixteenth of them,
    /// between 1 and <paramref name="maxInterval"/>. A halt is then caught within 1/16 of the
    /// run's length (the extra loops change nothing: a halt is a fixed point), and a run of L loops
    /// makes O(16·log L) checks until the interval reaches its maximum, L/max after.
    /// </summary>
    public static int HaltCheckInterval(long loopsSoFar, int maxInterval) => (int)Math.Clamp(loopsSoFar / 16, 1, maxInterval);

    /// <summary>Runs <see cref="Program"/> from <paramref name="memory"/> until the PC reaches a halt or <paramref name="maxLoops"/> loops have run.</summary>
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
        using (var initial = Upload(runs)) state.copy_(initial); // in place: the run's views of the state stay live
        for (long i = 0; i < loopsBefore; i++) Step();
        NonFiniteCheck.Locate(Model, Machine.Layout, state, loopsBefore + 1, chunk);
        for (int i = 0; i < chunk; i++) Step();
    }

    /// <summary>
    /// Runs every row until all have halted or <paramref name="maxLoops"/> loops have run. Rows that
    /// halt early keep executing their halt; each row's loop count is the loop at which its PC first
    /// named a halt, and its memory is its state at that loop. The loop itself never waits for the
    /// device: the PC rows, and the columns of the cells a halt can write (its z ← z − z), are
    /// copied into a history on the device every loop and read back at halt checks, so the loops
    /// run past a halt before the check sees it change nothing in the result. Each halt check also
    /// checks that the state is finite; if not, the chunk is replayed layer by layer and a
    /// <see cref="NonFiniteStateException"/> names the loop and the first layer that made a NaN or Inf.
    /// </summary>
    public BatchResult RunBatch(IReadOnlyList<BatchRun> runs, long maxLoops, int maxHaltCheckInterval = DefaultMaxHaltCheckInterval,
        Action<BatchProgress>? progress = null)
    {
        if (maxHaltCheckInterval < 1) throw new ArgumentException("the halt check interval must be at least 1");
        Reset(runs);
        var layout = Machine.Layout;
        int batch = runs.Count, width = layout.Pc.Width;
        var loopsToHalt = new long[batch];
        for (int b = 0; b < batch; b++) loopsToHalt[b] = IsHalt(runs[b].Program, 0) ? 0 : -1; // every punchcard starts at instruction 0
        int halted = loopsToHalt.Count(l => l == 0);
        var haltColumns = runs.SelectMany(r => r.Program.Instructions.Where((ins, i) => ins.IsHaltAt(i)).Select(ins => layout.MemoryColumnOf(ins.A)))
            .Distinct().Order().ToArray();
        var atHalt = new double[batch][]; // a row's halt columns at its halt loop
        long loops = 0;
        var clock = Stopwatch.StartNew();
        var scalarType = Machine.Format.ScalarType();
        using var pcHistory = torch.zeros([maxHaltCheckInterval, width, batch], scalarType, Device);
        using var columnHistory = torch.zeros([maxHaltCheckInterval, layout.Rows, batch, haltColumns.Length], scalarType, Device);
        using var columnIndex = torch.tensor(haltColumns.Select(c => (long)c).ToArray(), torch.ScalarType.Int64, Device);
        // Views made once per run: the loop updates the state in place, so they stay on the live rows.
        using var pcField = state.narrow(0, layout.Pc.Offset, width);
        using var pcRows = pcField.select(2, 0); // [width, batch]
        var pcSlots = Enumerable.Range(0, maxHaltCheckInterval).Select(i => pcHistory.select(0, i)).ToArray();
        var columnSlots = Enumerable.Range(0, maxHaltCheckInterval).Select(i => columnHistory.select(0, i)).ToArray();
        var pcBits = new double[width];
        while (halted < batch && loops < maxLoops)
        {
            int chunk = (int)Math.Min(HaltCheckInterval(loops, maxHaltCheckInterval), maxLoops - loops);
            for (int i = 0; i < chunk; i++)
            {
                Step();
                pcSlots[i].copy_(pcRows);
                using var columns = state.index_select(2, columnIndex);
                columnSlots[i].copy_(columns);
            }
            if (!NonFiniteCheck.AllFinite(state)) LocateNonFinite(runs, loops, chunk);
            using var window = pcHistory.narrow(0, 0, chunk);
            using var recorded = window.to(torch.ScalarType.Float64, torch.CPU);
            var values = recorded.data<double>().ToArray();
            for (int b = 0; b < batch; b++)
            {
                if (loopsToHalt[b] >= 0) continue;
                for (int i = 0; i < chunk; i++)
                {
                    for (int w = 0; w < width; w++) pcBits[w] = values[(i * width + w) * batch + b];
                    if (!IsHalt(runs[b].Program, layout.DecodePc(pcBits))) continue;
                    loopsToHalt[b] = loops + i + 1;
                    halted++;
                    using var slot = columnSlots[i].select(1, b); // [d, halt columns]
                    using var copy = slot.to(torch.ScalarType.Float64, torch.CPU);
                    using var host = copy.contiguous();
                    atHalt[b] = host.data<double>().ToArray();
                    break;
                }
            }
            loops += chunk;
            progress?.Invoke(new BatchProgress(loops, halted, batch));
        }
        clock.Stop();
        foreach (var slot in pcSlots.Concat(columnSlots)) slot.Dispose();
        var results = Enumerable.Range(0, batch).Select(b =>
        {
            var x = Snapshot(b);
            if (atHalt[b] is { } columns)
                for (int r = 0; r < layout.Rows; r++)
                    for (int j = 0; j < haltColumns.Length; j++)
                        x[r, haltColumns[j]] = columns[r * haltColumns.Length + j];
            var final = layout.Decode(x);
            return loopsToHalt[b] >= 0
                ? new TransformerResult(RunStatus.Halted, loopsToHalt[b], final.Pc, final.Memory, clock.Elapsed)
                : new TransformerResult(RunStatus.StepLimit, loops, final.Pc, final.Memory, clock.Elapsed);
        }).ToList();
        return new BatchResult(results, loops, clock.Elapsed);
    }

    public void Dispose()
    {
        state.Dispose();
        Model.Dispose();
    }
}
