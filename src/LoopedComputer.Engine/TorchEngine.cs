using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// The loop on libtorch: the state X [d, batch, n] as one tensor on a device (rows first, so every
/// weight's product is one 2-D product over all batch·n columns), the layers as
/// <see cref="LoopedTransformer"/> builds them. The engine for CUDA; selectable on the CPU.
/// </summary>
public sealed class TorchEngine : ILoopEngine
{
    readonly CompiledMachine machine;
    Tensor? state;

    public LoopedTransformer Model { get; }
    public Device Device { get; }
    public string Name => "torch";
    public int Batch { get; private set; }

    public TorchEngine(CompiledMachine machine, Device device)
    {
        this.machine = machine;
        Device = device;
        Model = new LoopedTransformer(machine, device);
    }

    Tensor State => state ?? throw new InvalidOperationException("no state loaded");

    public void Load(IReadOnlyList<double[,]> states)
    {
        int d = machine.Layout.Rows, n = machine.Layout.Columns, batch = states.Count;
        var flat = new double[batch * d * n];
        for (int b = 0; b < batch; b++)
            for (int r = 0; r < d; r++)
                Buffer.BlockCopy(states[b], r * n * sizeof(double), flat, (r * batch + b) * n * sizeof(double), n * sizeof(double));
        using var host = torch.tensor(flat, [d, batch, n], torch.ScalarType.Float64);
        if (state is not null && batch == Batch)
        {
            state.copy_(host); // in place: views of the state (a halt history's) stay live
            return;
        }
        var next = host.to(machine.Format.ScalarType(), Device);
        state?.Dispose();
        state = next;
        Batch = batch;
    }

    public void Loop() => Model.LoopInPlace(State);

    public void Finish(int row) { }

    public double[,] Snapshot(int row)
    {
        using var x = State.select(1, row);
        return x.ToMatrix();
    }

    public bool AllFinite() => NonFiniteCheck.AllFinite(State);

    public List<double[][,]> LoopWithLayerOutputs()
    {
        var outputs = Model.LoopWithLayerOutputs(State);
        try
        {
            return outputs.Select(o => Enumerable.Range(0, Batch).Select(b => { using var row = o.select(1, b); return row.ToMatrix(); }).ToArray()).ToList();
        }
        finally
        {
            foreach (var output in outputs) output.Dispose();
        }
    }

    public List<LayerTime> Profile(int loops) => LayerProfile.Measure(Model, State, loops);

    public IHaltHistory WatchHalts(int capacity, IReadOnlyList<int> watchedColumns, bool countChanges = false) => new History(this, capacity, watchedColumns, countChanges);

    /// <summary>The history on the device: each loop's PC and watched cells are copied into a slot, read back only at a check.</summary>
    sealed class History : IHaltHistory
    {
        readonly Tensor pcHistory, cellHistory, changeHistory, columnIndex, pcField, pcRows, wordField;
        readonly Tensor[] pcSlots, cellSlots, changeSlots;
        readonly Tensor? lastSigns; // counting changes: the watched memory rows' signs after the last loop
        readonly bool watching;

        public History(TorchEngine engine, int capacity, IReadOnlyList<int> watchedColumns, bool countChanges)
        {
            var layout = engine.machine.Layout;
            var scalarType = engine.machine.Format.ScalarType();
            int width = layout.Pc.Width, wordRows = layout.Memory.Width, batch = engine.Batch;
            watching = watchedColumns.Count > 0 && !countChanges;
            pcHistory = torch.zeros([capacity, width, batch], scalarType, engine.Device);
            cellHistory = torch.zeros([capacity, wordRows, batch, watching ? watchedColumns.Count : 0], scalarType, engine.Device);
            changeHistory = torch.zeros([capacity, countChanges ? batch : 0], torch.ScalarType.Float64, engine.Device);
            columnIndex = torch.tensor(watchedColumns.Select(c => (long)c).ToArray(), torch.ScalarType.Int64, engine.Device);
            // Views made once: the loop updates the state in place, so they stay on the live rows.
            pcField = engine.State.narrow(0, layout.Pc.Offset, width);
            pcRows = pcField.select(2, 0); // [width, batch]
            wordField = engine.State.narrow(0, layout.Memory.Offset, wordRows);
            pcSlots = Enumerable.Range(0, capacity).Select(i => pcHistory.select(0, i)).ToArray();
            cellSlots = Enumerable.Range(0, capacity).Select(i => cellHistory.select(0, i)).ToArray();
            changeSlots = Enumerable.Range(0, capacity).Select(i => changeHistory.select(0, i)).ToArray();
            if (countChanges) lastSigns = Signs();
        }

        Tensor Signs()
        {
            using var words = wordField.index_select(2, columnIndex);
            return words.gt(0);
        }

        public void Record(int slot)
        {
            pcSlots[slot].copy_(pcRows);
            if (lastSigns is not null)
            {
                using var signs = Signs();
                using var changed = signs.ne(lastSigns);
                using var counts = changed.sum([0, 2], type: torch.ScalarType.Float64);
                changeSlots[slot].copy_(counts);
                lastSigns.copy_(signs);
                return;
            }
            if (!watching) return;
            using var words = wordField.index_select(2, columnIndex);
            cellSlots[slot].copy_(words);
        }

        public double[] ReadPc(int loops) => ReadBack(pcHistory, loops);

        public double[] ReadCells(int loops) => watching ? ReadBack(cellHistory, loops) : [];

        public double[] ReadChanges(int loops) => lastSigns is not null ? ReadBack(changeHistory, loops) : [];

        static double[] ReadBack(Tensor history, int loops)
        {
            using var window = history.narrow(0, 0, loops);
            using var recorded = window.to(torch.ScalarType.Float64, torch.CPU);
            return recorded.data<double>().ToArray();
        }

        public void Dispose()
        {
            foreach (var t in pcSlots.Concat(cellSlots).Concat(changeSlots)) t.Dispose();
            foreach (var t in new[] { pcHistory, cellHistory, changeHistory, columnIndex, pcRows, pcField, wordField }) t.Dispose();
            lastSigns?.Dispose();
        }
    }

    public void Dispose()
    {
        state?.Dispose();
        Model.Dispose();
    }
}
