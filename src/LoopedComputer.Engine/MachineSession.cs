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

/// <summary>
/// One program loaded on a compiled machine on a device: the state X lives on the device and is
/// read back only to check for the halt (every few loops) or when asked.
/// </summary>
public sealed class MachineSession : IDisposable
{
    /// <summary>Loops between halt checks: the PC rows are recorded on the device every loop and read back in one go.</summary>
    public const int DefaultHaltCheckInterval = 16;

    Tensor state;

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
        state = Upload(program.InitialMemory);
    }

    Tensor Upload(IReadOnlyList<long> memory) =>
        Machine.Layout.Encode(Program, memory).ToTensor(Machine.Format, Device).unsqueeze(0);

    /// <summary>The state X as a d×n matrix (a copy).</summary>
    public double[,] Snapshot() => state[0].ToMatrix();

    public void Reset(IReadOnlyList<long> memory)
    {
        state.Dispose();
        state = Upload(memory);
    }

    public void Step() => Model.LoopInPlace(state);

    /// <summary>Per-layer time of <paramref name="loops"/> loops from the current state (which is not advanced).</summary>
    public List<LayerTime> Profile(int loops) => LayerProfile.Measure(Model, state, loops);

    public MachineState Read() => Machine.Layout.Decode(Snapshot());

    /// <summary>Every layer's output for one loop from the current state, as matrices; the state is not advanced.</summary>
    public List<double[,]> TraceLayers()
    {
        var outputs = Model.LoopWithLayerOutputs(state);
        var matrices = outputs.Select(o => o[0].ToMatrix()).ToList();
        foreach (var output in outputs) output.Dispose();
        return matrices;
    }

    bool IsHalt(int pc) => pc >= 0 && Program.Instructions[pc].IsHaltAt(pc);

    int DecodePc(ReadOnlySpan<double> code) => Machine.Layout.DecodePc(code.ToArray());

    /// <summary>Runs from <paramref name="memory"/> until the PC reaches a halt or <paramref name="maxLoops"/> loops have run.</summary>
    public TransformerResult Run(IReadOnlyList<long> memory, long maxLoops, int haltCheckInterval = DefaultHaltCheckInterval, Action<long>? progress = null)
    {
        Reset(memory);
        var clock = Stopwatch.StartNew();
        var pcField = Machine.Layout.Pc;
        int width = pcField.Width;
        long loops = 0;
        int pc = 0; // every punchcard starts at instruction 0
        using var history = torch.zeros([haltCheckInterval, width], Machine.Format.ScalarType(), Device);
        // Views made once per run: the loop updates the state in place, so they stay on the live PC rows.
        using var pcRows = state.narrow(1, pcField.Offset, width).select(2, 0).select(0, 0);
        var slots = Enumerable.Range(0, haltCheckInterval).Select(i => history.select(0, i)).ToArray();
        while (!IsHalt(pc) && loops < maxLoops)
        {
            int chunk = (int)Math.Min(haltCheckInterval, maxLoops - loops);
            for (int i = 0; i < chunk; i++)
            {
                Step();
                slots[i].copy_(pcRows);
            }
            using var recorded = history.to(torch.ScalarType.Float64, torch.CPU);
            var values = recorded.data<double>().ToArray();
            for (int i = 0; i < chunk; i++)
            {
                pc = DecodePc(values.AsSpan(i * width, width));
                if (IsHalt(pc))
                {
                    loops += i + 1;
                    break;
                }
                if (i == chunk - 1) loops += chunk;
            }
            progress?.Invoke(loops);
        }
        clock.Stop();
        foreach (var slot in slots) slot.Dispose();
        var final = Read();
        return new TransformerResult(IsHalt(pc) ? RunStatus.Halted : RunStatus.StepLimit, loops, final.Pc, final.Memory, clock.Elapsed);
    }

    public void Dispose()
    {
        state.Dispose();
        Model.Dispose();
    }
}
