using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Numerics;
using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>One worker's scratch rows, sized for the widest layer at construction: the loop allocates nothing.</summary>
sealed class Workspace<T>(int n, int sums, int hidden, int update, int mix, int query, int scores, int values, int reduced)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly T[] Sums = new T[sums * n], Hidden = new T[hidden * n], Update = new T[update * n], Mix = new T[mix * n];
    public readonly T[] Query = new T[query * n], Scores = new T[scores], Values = new T[values * n];
    public readonly T[] Column = new T[n], Column2 = new T[n], Column3 = new T[n], Reduced = new T[reduced];
    /// <summary>For each hidden unit, whether its ReLU is non-zero in some column.</summary>
    public readonly bool[] Active = new bool[hidden];
}

/// <summary>
/// The loop in plain C# over the same compiled weights as the torch engine, for the CPU: each
/// program's state is a contiguous d×n block, every projection and MLP product runs by its
/// non-zeros (<see cref="SelectedRows"/>, <see cref="FeedForwardPlan"/>), row operations use
/// <see cref="Vector{T}"/>, and the programs of a batch are spread over the cores, each running a
/// whole loop alone (programs never read each other). Every entry is computed with the operations
/// and order of the torch engine, so exact states match bit for bit.
/// </summary>
public sealed class NativeEngine<T> : ILoopEngine where T : unmanaged, IFloatingPointIeee754<T>
{
    sealed record Layer(string Name, NativeMixer<T>? Mixer, NativeFeedForward<T> FeedForward);

    readonly Layer[] layers;
    readonly int d, n;
    readonly Func<int, Workspace<T>> newWorkspace;
    T[] state = [];
    Workspace<T>[] workspaces = [];
    Action<int, Span<T>, Workspace<T>> rowAction = (_, _, _) => { };
    readonly Action<int> runWorker;
    readonly Action<int, Span<T>, Workspace<T>> loopRow;
    readonly IMachineLayout layout;

    public string Name => "native";
    public int Batch { get; private set; }

    /// <summary>Threads a batch of <paramref name="batch"/> rows is spread over: one per row, at most one per core.</summary>
    public static int WorkersFor(int batch) => Math.Clamp(batch, 1, Environment.ProcessorCount);

    public NativeEngine(CompiledMachine machine)
    {
        layout = machine.Layout;
        loopRow = LoopRow;
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
        newWorkspace = _ => new Workspace<T>(n, sums, hidden, update, mix, query, scores, values, reduced);
        runWorker = worker =>
        {
            var work = workspaces[worker];
            for (int b = worker; b < Batch; b += workspaces.Length) rowAction(b, state.AsSpan(b * d * n, d * n), work);
        };
    }

    public void Load(IReadOnlyList<double[,]> states)
    {
        if (states.Count != Batch)
        {
            Batch = states.Count;
            state = new T[Batch * d * n];
            workspaces = Enumerable.Range(0, WorkersFor(Batch)).Select(newWorkspace).ToArray();
        }
        for (int b = 0; b < Batch; b++)
        {
            var row = state.AsSpan(b * d * n, d * n);
            int i = 0;
            foreach (double v in states[b]) row[i++] = T.CreateChecked(v);
        }
    }

    /// <summary>Runs <paramref name="action"/> on every batch row's state, the rows spread over the workers.</summary>
    void ForEachRow(Action<int, Span<T>, Workspace<T>> action)
    {
        rowAction = action;
        if (workspaces.Length == 1) runWorker(0);
        else Parallel.For(0, workspaces.Length, runWorker);
    }

    /// <summary>One loop on one program's state: every layer's mixer, then its MLP, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void LoopRow(int row, Span<T> x, Workspace<T> work)
    {
        foreach (var layer in layers)
        {
            layer.Mixer?.AddTo(x, n, work);
            layer.FeedForward.AddTo(x, n, work);
        }
    }

    public void Loop() => ForEachRow(loopRow);

    public double[,] Snapshot(int row) => Matrix(state.AsSpan(row * d * n, d * n));

    double[,] Matrix(ReadOnlySpan<T> x)
    {
        var matrix = new double[d, n];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < n; c++)
                matrix[r, c] = double.CreateChecked(x[r * n + c]);
        return matrix;
    }

    public bool AllFinite()
    {
        foreach (var v in state)
            if (!T.IsFinite(v)) return false;
        return true;
    }

    public List<double[][,]> LoopWithLayerOutputs()
    {
        var saved = (T[])state.Clone();
        var outputs = new List<double[][,]>();
        foreach (var layer in layers)
        {
            ForEachRow((_, x, work) =>
            {
                layer.Mixer?.AddTo(x, n, work);
                layer.FeedForward.AddTo(x, n, work);
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
        double Time(Action<int, Span<T>, Workspace<T>> part)
        {
            clock.Restart();
            ForEachRow(part);
            return clock.Elapsed.TotalSeconds;
        }
        for (int loop = 0; loop < loops; loop++)
            for (int i = 0; i < layers.Length; i++)
            {
                var layer = layers[i];
                if (layer.Mixer is { } m) mixer[i] += Time((_, x, work) => m.AddTo(x, n, work));
                feedForward[i] += Time((_, x, work) => layer.FeedForward.AddTo(x, n, work));
            }
        state = saved;
        return layers.Select((layer, i) => new LayerTime(i + 1, layer.Name, mixer[i] / loops, feedForward[i] / loops)).ToList();
    }

    public IHaltHistory WatchHalts(int capacity, IReadOnlyList<int> watchedColumns) => new History(this, capacity, watchedColumns);

    /// <summary>The history as plain arrays, filled straight from the state.</summary>
    sealed class History : IHaltHistory
    {
        readonly NativeEngine<T> engine;
        readonly int[] columns;
        readonly double[] pc, cells;

        public History(NativeEngine<T> engine, int capacity, IReadOnlyList<int> watchedColumns)
        {
            this.engine = engine;
            columns = [.. watchedColumns];
            pc = new double[capacity * engine.layout.Pc.Width * engine.Batch];
            cells = new double[capacity * engine.layout.Memory.Width * engine.Batch * columns.Length];
        }

        public void Record(int slot)
        {
            var (state, batch, d, n) = (engine.state, engine.Batch, engine.d, engine.n);
            var (pcField, wordField) = (engine.layout.Pc, engine.layout.Memory);
            for (int w = 0; w < pcField.Width; w++)
                for (int b = 0; b < batch; b++)
                    pc[(slot * pcField.Width + w) * batch + b] = double.CreateChecked(state[(b * d + pcField.Offset + w) * n]);
            for (int w = 0; w < wordField.Width; w++)
                for (int b = 0; b < batch; b++)
                {
                    int from = (b * d + wordField.Offset + w) * n, to = ((slot * wordField.Width + w) * batch + b) * columns.Length;
                    for (int j = 0; j < columns.Length; j++) cells[to + j] = double.CreateChecked(state[from + columns[j]]);
                }
        }

        public double[] ReadPc(int loops) => pc.AsSpan(0, loops * engine.layout.Pc.Width * engine.Batch).ToArray();

        public double[] ReadCells(int loops) => cells.AsSpan(0, loops * engine.layout.Memory.Width * engine.Batch * columns.Length).ToArray();

        public void Dispose() { }
    }

    public void Dispose() { }
}
