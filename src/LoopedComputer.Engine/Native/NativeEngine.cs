using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Numerics;
using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// One worker's scratch rows, sized for the widest layer when a batch is loaded: the loop allocates
/// nothing. The MLP's rows are a tile's columns wide, the mixer's one program's n.
/// </summary>
sealed class Workspace<T>(int n, int tile, int rows, int sums, int hidden, int update, int mix, int query, int scores, int values, int reduced)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T[] Sums = new T[sums * tile], Hidden = new T[hidden * tile], Update = new T[update * tile], Mix = new T[mix * n];
    public readonly T[] Query = new T[query * n], Scores = new T[scores], Values = new T[values * n];
    public readonly T[] Column = new T[n], Column2 = new T[n], Column3 = new T[n], Reduced = new T[reduced];
    /// <summary>For each hidden unit, whether its ReLU is computed in every column (and is non-zero in some).</summary>
    public readonly bool[] Active = new bool[hidden];
    /// <summary>For each hidden unit, whether it is zero outside the programs' column 0 and non-zero in some column 0; its values there, [unit, program].</summary>
    public readonly bool[] FirstColumnOnly = new bool[hidden];
    public readonly T[] FirstColumnHidden = new T[hidden * (tile / n)];
    /// <summary>Each distinct sum's least and greatest value outside the programs' column 0.</summary>
    public readonly T[] SumLow = new T[sums], SumHigh = new T[sums];
    /// <summary>For each row of the state, whether it is zero outside the programs' column 0 (set for the rows an MLP reads).</summary>
    public readonly bool[] ZeroBesideFirstColumns = new bool[rows];
    /// <summary>For each distinct sum, whether only the programs' column 0 was computed (it is zero elsewhere).</summary>
    public readonly bool[] SumFirstColumnsOnly = new bool[sums];
    /// <summary>For each written row, whether its update is computed in every column (else it is +0 outside column 0).</summary>
    public readonly bool[] UpdateEverywhere = new bool[update];
    /// <summary>1 in every column of a tile but each program's column 0, which holds 0.</summary>
    public readonly T[] NotFirstColumn = Enumerable.Range(0, tile).Select(c => c % n == 0 ? T.Zero : T.One).ToArray();
}

/// <summary>
/// The loop in plain C# over the same compiled weights as the torch engine, for the CPU: the state
/// is one array [d, batch, n] as the torch engine's, every projection and MLP product runs by its
/// non-zeros (<see cref="SelectedRows"/>, <see cref="FeedForwardPlan"/>), row operations use
/// <see cref="Vector{T}"/>. The programs of a batch are split among the cores, each core running
/// whole loops over tiles of consecutive programs (programs never read each other): the mixers
/// program by program, each MLP over the tile's columns at once, so small programs still make long
/// rows. Every entry is computed with the operations and order of the torch engine, so exact
/// states match bit for bit.
/// </summary>
public sealed class NativeEngine<T> : ILoopEngine where T : unmanaged, IFloatingPointIeee754<T>
{
    sealed record Layer(string Name, NativeMixer<T>? Mixer, NativeFeedForward<T> FeedForward);

    readonly Layer[] layers;
    readonly int d, n;
    readonly Func<int, Workspace<T>> newWorkspace;
    T[] state = [];
    /// <summary>Rows <see cref="Finish"/> named since the last load: <see cref="Loop"/> skips a tile of finished rows (profiles and layer outputs run every row).</summary>
    bool[] finished = [];
    bool skipFinished;
    Workspace<T>[] workspaces = [];
    int tilePrograms = 1;
    TileAction tileAction = (_, _, _) => { };
    readonly Action<int> runWorker;
    readonly TileAction loopTile;
    readonly IMachineLayout layout;

    /// <summary>Work on programs first … first + count − 1 (one tile) with one worker's scratch.</summary>
    delegate void TileAction(int first, int count, Workspace<T> work);

    /// <summary>Columns an MLP tile aims at: enough for long rows, few enough for its scratch to stay in cache.</summary>
    const int TileColumns = 1024;

    public string Name => "native";
    public int Batch { get; private set; }

    /// <summary>Threads a batch of <paramref name="batch"/> rows is spread over: one per row, at most one per core.</summary>
    public static int WorkersFor(int batch) => Math.Clamp(batch, 1, Environment.ProcessorCount);

    public NativeEngine(CompiledMachine machine)
    {
        layout = machine.Layout;
        loopTile = LoopTile;
        d = machine.Layout.Rows;
        n = machine.Layout.Columns;
        layers = machine.Weights.Layers.Select(l => new Layer(l.Name, l.Heads.Count == 0 ? null : machine.Mixer switch
        {
            MixerKind.Softmax => new NativeSoftmax<T>(l.Heads, machine.Lambda),
            MixerKind.Linear => new NativeLinearMixer<T>(l.Heads),
            _ => throw new ArgumentException($"unknown mixer {machine.Mixer}"),
        }, new NativeFeedForward<T>(l.FeedForward))).ToArray();
        var mixers = layers.Select(l => l.Mixer).OfType<NativeMixer<T>>().ToList();
        var softmax = mixers.OfType<NativeSoftmax<T>>().ToList();
        var linear = mixers.OfType<NativeLinearMixer<T>>().ToList();
        int Most(IEnumerable<int> sizes) => sizes.DefaultIfEmpty(0).Max();
        int sums = Most(layers.Select(l => l.FeedForward.SumRows)), hidden = Most(layers.Select(l => l.FeedForward.Units));
        int update = Most(layers.Select(l => l.FeedForward.WrittenRows)), mix = Most(mixers.Select(m => m.MixRows));
        int query = Math.Max(Most(softmax.Select(m => m.QueryRows)), Most(linear.Select(m => m.CodeRows)));
        int scores = Math.Max(softmax.Count > 0 ? n * n : 0, Most(linear.Select(m => m.CodeRows)) * n);
        int values = Math.Max(Most(softmax.Select(m => m.ValueRows)), Most(linear.Select(m => m.ValueRows)));
        int reduced = Most(linear.Select(m => m.CodeRows));
        newWorkspace = _ => new Workspace<T>(n, tilePrograms * n, d, sums, hidden, update, mix, query, scores, values, reduced);
        runWorker = worker =>
        {
            int workers = workspaces.Length, first = (int)((long)Batch * worker / workers), end = (int)((long)Batch * (worker + 1) / workers);
            for (int b = first; b < end; b += tilePrograms)
            {
                int count = Math.Min(tilePrograms, end - b);
                if (skipFinished && !finished.AsSpan(b, count).ContainsAnyExcept(true)) continue;
                tileAction(b, count, workspaces[worker]);
            }
        };
    }

    public void Load(IReadOnlyList<double[,]> states)
    {
        if (states.Count != Batch)
        {
            Batch = states.Count;
            state = new T[d * Batch * n];
            int workers = WorkersFor(Batch);
            tilePrograms = Math.Clamp(TileColumns / n, 1, (Batch + workers - 1) / workers);
            workspaces = Enumerable.Range(0, workers).Select(newWorkspace).ToArray();
            finished = new bool[Batch];
        }
        else Array.Clear(finished);
        for (int b = 0; b < Batch; b++)
            for (int r = 0; r < d; r++)
                for (int c = 0; c < n; c++)
                    state[(r * Batch + b) * n + c] = T.CreateChecked(states[b][r, c]);
    }

    /// <summary>Program b's rows of the state.</summary>
    Block<T> ProgramRows(int b) => new(state, Batch * n, b * n, n);

    /// <summary>The rows of programs first … first + count − 1 of the state, side by side.</summary>
    Block<T> TileRows(int first, int count) => new(state, Batch * n, first * n, count * n);

    /// <summary>Runs <paramref name="action"/> on every tile of the batch (<paramref name="skippingFinished"/>: every tile with a row not finished), the tiles spread over the workers.</summary>
    void ForEachTile(TileAction action, bool skippingFinished = false)
    {
        tileAction = action;
        skipFinished = skippingFinished;
        if (workspaces.Length == 1) runWorker(0);
        else Parallel.For(0, workspaces.Length, runWorker);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void Mix(Layer layer, int first, int count, Workspace<T> work)
    {
        if (layer.Mixer is not { } mixer) return;
        for (int b = first; b < first + count; b++) mixer.AddTo(ProgramRows(b), work);
    }

    void FeedForward(Layer layer, int first, int count, Workspace<T> work) => layer.FeedForward.AddTo(TileRows(first, count), n, work);

    /// <summary>One loop on a tile: every layer's mixers, then its MLP, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void LoopTile(int first, int count, Workspace<T> work)
    {
        foreach (var layer in layers)
        {
            Mix(layer, first, count, work);
            FeedForward(layer, first, count, work);
        }
    }

    public void Loop() => ForEachTile(loopTile, skippingFinished: true);

    public void Finish(int row) => finished[row] = true;

    public double[,] Snapshot(int row)
    {
        var matrix = new double[d, n];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < n; c++)
                matrix[r, c] = double.CreateChecked(state[(r * Batch + row) * n + c]);
        return matrix;
    }

    public bool AllFinite() => Kernels<T>.AllFinite(state);

    public List<double[][,]> LoopWithLayerOutputs()
    {
        var saved = (T[])state.Clone();
        var outputs = new List<double[][,]>();
        foreach (var layer in layers)
        {
            ForEachTile((first, count, work) =>
            {
                Mix(layer, first, count, work);
                FeedForward(layer, first, count, work);
            });
            outputs.Add(Enumerable.Range(0, Batch).Select(Snapshot).ToArray());
        }
        state = saved;
        return outputs;
    }

    public List<LayerTime> Profile(int loops)
    {
        var saved = (T[])state.Clone();
        var mixer = new double[layers.Length];
        var feedForward = new double[layers.Length];
        var clock = new Stopwatch();
        double Time(TileAction part)
        {
            clock.Restart();
            ForEachTile(part);
            return clock.Elapsed.TotalSeconds;
        }
        for (int loop = 0; loop < loops; loop++)
            for (int i = 0; i < layers.Length; i++)
            {
                var layer = layers[i];
                if (layer.Mixer is not null) mixer[i] += Time((first, count, work) => Mix(layer, first, count, work));
                feedForward[i] += Time((first, count, work) => FeedForward(layer, first, count, work));
            }
        state = saved;
        return layers.Select((layer, i) => new LayerTime(i + 1, layer.Name, mixer[i] / loops, feedForward[i] / loops)).ToList();
    }

    public IHaltHistory WatchHalts(int capacity, IReadOnlyList<int> watchedColumns, bool countChanges = false) => new History(this, capacity, watchedColumns, countChanges);

    /// <summary>The history as plain arrays, filled straight from the state.</summary>
    sealed class History : IHaltHistory
    {
        readonly NativeEngine<T> engine;
        readonly int[] columns;
        readonly double[] pc, cells, changes;
        readonly bool[]? lastSigns; // counting changes: each watched memory row's sign after the last loop, [word row, batch row, watched cell]

        public History(NativeEngine<T> engine, int capacity, IReadOnlyList<int> watchedColumns, bool countChanges)
        {
            this.engine = engine;
            columns = [.. watchedColumns];
            pc = new double[capacity * engine.layout.Pc.Width * engine.Batch];
            cells = countChanges ? [] : new double[capacity * engine.layout.Memory.Width * engine.Batch * columns.Length];
            changes = countChanges ? new double[capacity * engine.Batch] : [];
            if (!countChanges) return;
            lastSigns = new bool[engine.layout.Memory.Width * engine.Batch * columns.Length];
            CountChanges(-1);
        }

        /// <summary>Counts, per batch row, the watched memory rows whose sign differs from the last loop's (into <paramref name="slot"/> unless it is −1) and keeps the signs.</summary>
        void CountChanges(int slot)
        {
            var (state, batch, n) = (engine.state, engine.Batch, engine.n);
            var wordField = engine.layout.Memory;
            for (int b = 0; b < batch; b++)
            {
                int changed = 0;
                for (int w = 0; w < wordField.Width; w++)
                {
                    int from = ((wordField.Offset + w) * batch + b) * n, at = (w * batch + b) * columns.Length;
                    for (int j = 0; j < columns.Length; j++)
                    {
                        bool positive = state[from + columns[j]] > T.Zero;
                        if (positive != lastSigns![at + j]) changed++;
                        lastSigns[at + j] = positive;
                    }
                }
                if (slot >= 0) changes[slot * batch + b] = changed;
            }
        }

        public void Record(int slot)
        {
            var (state, batch, d, n) = (engine.state, engine.Batch, engine.d, engine.n);
            var (pcField, wordField) = (engine.layout.Pc, engine.layout.Memory);
            for (int w = 0; w < pcField.Width; w++)
                for (int b = 0; b < batch; b++)
                    pc[(slot * pcField.Width + w) * batch + b] = double.CreateChecked(state[((pcField.Offset + w) * batch + b) * n]);
            if (lastSigns is not null)
            {
                CountChanges(slot);
                return;
            }
            for (int w = 0; w < wordField.Width; w++)
                for (int b = 0; b < batch; b++)
                {
                    int from = ((wordField.Offset + w) * batch + b) * n, to = ((slot * wordField.Width + w) * batch + b) * columns.Length;
                    for (int j = 0; j < columns.Length; j++) cells[to + j] = double.CreateChecked(state[from + columns[j]]);
                }
        }

        public double[] ReadPc(int loops) => pc.AsSpan(0, loops * engine.layout.Pc.Width * engine.Batch).ToArray();

        public double[] ReadCells(int loops) => lastSigns is not null ? [] : cells.AsSpan(0, loops * engine.layout.Memory.Width * engine.Batch * columns.Length).ToArray();

        public double[] ReadChanges(int loops) => changes.AsSpan(0, lastSigns is null ? 0 : loops * engine.Batch).ToArray();

        public void Dispose() { }
    }

    public void Dispose() { }
}
