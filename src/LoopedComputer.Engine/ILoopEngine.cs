using LoopedComputer.Machines;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>Which implementation runs the loop: libtorch (<see cref="TorchEngine"/>), plain C# (<see cref="NativeEngine{T}"/>), or the one <see cref="Engines.Resolve"/> picks.</summary>
public enum EngineKind
{
    Auto,
    Torch,
    Native,
}

/// <summary>
/// A compiled machine's loop over a batch of states, each d×n, held by an engine in its own form
/// (a tensor on a device, or plain arrays). The session loads states, loops and reads back through
/// this; both engines give the same states bit for bit (tests/Engine/EngineEquivalenceTests).
/// </summary>
public interface ILoopEngine : IDisposable
{
    /// <summary>"torch" or "native".</summary>
    string Name { get; }

    /// <summary>How many states (batch rows) are loaded.</summary>
    int Batch { get; }

    /// <summary>Loads one state per batch row (each d×n). Loading as many rows as before reuses the storage in place.</summary>
    void Load(IReadOnlyList<double[,]> states);

    /// <summary>One loop on every row, in place.</summary>
    void Loop();

    /// <summary>
    /// Row <paramref name="row"/>'s state will not be read again before the next <see cref="Load"/>, so
    /// the loop may leave it as it is (the native engine skips a tile whose rows are all finished; torch
    /// loops every row of its one tensor). The other rows' states are the same either way: rows never
    /// read each other.
    /// </summary>
    void Finish(int row);

    /// <summary>Row <paramref name="row"/>'s state as a d×n matrix (a copy).</summary>
    double[,] Snapshot(int row);

    /// <summary>Whether every entry of every row is finite.</summary>
    bool AllFinite();

    /// <summary>One loop from the current state keeping every layer's output: element i is the state after layer i, [batch row][d, n]. The state is not advanced.</summary>
    List<double[][,]> LoopWithLayerOutputs();

    /// <summary>Per-layer time of <paramref name="loops"/> loops from the current state, which is not advanced.</summary>
    List<LayerTime> Profile(int loops);

    /// <summary>
    /// A history of what the halt check reads, <paramref name="capacity"/> loops deep: the PC rows'
    /// column 0 and the memory rows of <paramref name="watchedColumns"/>, recorded after a loop
    /// without waiting for the engine, read back at a check. <paramref name="countChanges"/>: instead
    /// of the cells, how many of their memory rows changed sign in each loop, compared in place
    /// against the loop before (for machines whose every cell may be written: no copy of them per loop).
    /// </summary>
    IHaltHistory WatchHalts(int capacity, IReadOnlyList<int> watchedColumns, bool countChanges = false);
}

/// <summary>What <see cref="ILoopEngine.WatchHalts"/> returns; valid while the engine's batch size stays the same.</summary>
public interface IHaltHistory : IDisposable
{
    /// <summary>Records the current state's PC and watched cells in slot <paramref name="slot"/>.</summary>
    void Record(int slot);

    /// <summary>The first <paramref name="loops"/> slots' PC rows, [loop, PC row, batch row].</summary>
    double[] ReadPc(int loops);

    /// <summary>The first <paramref name="loops"/> slots' watched cells, [loop, word row, batch row, watched cell] (none when counting changes).</summary>
    double[] ReadCells(int loops);

    /// <summary>The first <paramref name="loops"/> slots' counts of watched memory rows that changed sign in that loop, [loop, batch row] (none unless counting changes).</summary>
    double[] ReadChanges(int loops);
}

public static class Engines
{
    /// <summary>
    /// The engine <paramref name="kind"/> names for <paramref name="machine"/> on <paramref name="device"/>;
    /// auto is torch on CUDA and for the 16-bit formats, native on the CPU otherwise (it outruns libtorch
    /// there for both mixers at every width, docs/performance.md#engines). The native engine runs float32
    /// and float64 on the CPU only.
    /// </summary>
    public static EngineKind Resolve(EngineKind kind, Device device, CompiledMachine machine) => Check(kind, device) switch
    {
        EngineKind.Native when !RunsNatively(machine.Format) =>
            throw new ArgumentException($"the native engine runs float32 and float64; use --engine torch (or auto) for {machine.Format.Name()}"),
        EngineKind.Auto => !RunsNatively(machine.Format) || device.type != TorchSharp.DeviceType.CPU ? EngineKind.Torch : EngineKind.Native,
        _ => kind,
    };

    /// <summary>Whether the native engine has <paramref name="format"/>'s arithmetic (float and double).</summary>
    public static bool RunsNatively(NumberFormat format) => format is NumberFormat.Float32 or NumberFormat.Float64;

    /// <summary>Returns <paramref name="kind"/>; throws <see cref="ArgumentException"/> for the native engine off the CPU.</summary>
    public static EngineKind Check(EngineKind kind, Device device) => kind == EngineKind.Native && device.type != TorchSharp.DeviceType.CPU
        ? throw new ArgumentException($"the native engine runs on the CPU; use --engine torch (or auto) on {device.type.ToString().ToLowerInvariant()}")
        : kind;

    /// <summary>Parses --engine's value: torch, native or auto (any case).</summary>
    public static EngineKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "auto" => EngineKind.Auto,
        "torch" => EngineKind.Torch,
        "native" => EngineKind.Native,
        _ => throw new ArgumentException($"unknown engine '{name}'; use torch, native or auto"),
    };

    /// <summary>Opens <paramref name="machine"/> on the engine <see cref="Resolve"/> picks, with no state loaded yet.</summary>
    public static ILoopEngine Open(CompiledMachine machine, Device device, EngineKind kind) => Resolve(kind, device, machine) switch
    {
        EngineKind.Torch => new TorchEngine(machine, device),
        _ => machine.Format == NumberFormat.Float32 ? new NativeEngine<float>(machine) : new NativeEngine<double>(machine),
    };
}
