using System.Diagnostics;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Machines;

namespace LoopedComputer.Studies.Measurement;

/// <summary>A program to time: its memory, its label in the tables, and how many loops a timed run takes (<paramref name="Adaptive"/>: at most that many, fewer where a loop is slow).</summary>
public sealed record BenchCase(Program Program, long[] Memory, string Label, long MaxLoops, bool Adaptive);

/// <summary>
/// One timing: a batch of <see cref="Batch"/> copies of the program; a loop advances every copy.
/// <see cref="Engine"/> is the engine that ran, <see cref="EngineChoice"/> the one asked for (auto
/// picks per machine): rows are compared and fitted within one choice.
/// </summary>
public sealed record BenchRow(string Program, string Machine, string Mixer, string Device, string Engine, string EngineChoice, string Dtype, int Columns, int Rows, int Batch,
    long Loops, double LoopsPerSecond, double InterpreterStepsPerSecond, List<LayerTime>? Layers, int Threads = 1)
{
    public double SecondsPerLoop => 1 / LoopsPerSecond;
    public double ProgramLoopsPerSecond => LoopsPerSecond * Batch;

    /// <summary>The row's useful work against the measured limit (<see cref="Benchmark.Limit"/>).</summary>
    public WorkRate? Work { get; init; }

    /// <summary>Loops per second of the same batch verified in lockstep with its interpreters (bench --lockstep), or null.</summary>
    public double? LockstepLoopsPerSecond { get; init; }

    /// <summary>How many times a plain loop's time a lockstep loop takes.</summary>
    public double? LockstepCost => LockstepLoopsPerSecond is double lockstep ? LoopsPerSecond / lockstep : null;
}

/// <summary>
/// A row's useful work (<see cref="LoopWork"/>) and the rate it reaches, beside this machine's
/// limit for that work measured in the same run (<see cref="KernelPeak"/>, one core, times the
/// row's threads). <see cref="FractionOfPeak"/> is against the sparse row-sum kernel the native
/// engine is made of; <see cref="FractionOfDensePeak"/> against the core's vector arithmetic.
/// </summary>
public sealed record WorkRate(long MacsPerLoop, long FeedForwardMacsPerLoop, long MixerMacsPerLoop, double MacsPerSecond,
    double PeakMacsPerSecond, double DensePeakMacsPerSecond)
{
    public double FractionOfPeak => MacsPerSecond / PeakMacsPerSecond;
    public double FractionOfDensePeak => MacsPerSecond / DensePeakMacsPerSecond;
}

/// <summary>
/// Loops per second on the transformer beside the interpreter's steps per second: what `looped
/// bench` prints and the cost study fits.
/// </summary>
public static class Benchmark
{
    public static string MixerName(MixerKind mixer) => mixer.ToString().ToLowerInvariant();

    /// <summary>
    /// An endless random program of n columns as <paramref name="machine"/>'s definition draws it
    /// (SUBLEQ, half cells and half instructions, on the instruction machines), seeded by n, in 8-bit
    /// words or the narrowest wider word that addresses n columns.
    /// </summary>
    public static BenchCase RandomCase(IMachineDefinition machine, int n, long maxLoops, bool adaptive)
    {
        int bits = 8;
        while (machine.MaxColumns(bits) < n) bits++;
        var program = machine.RandomProgram(new Random(n), machine.Layout(bits, n), endless: true);
        return new(program, program.InitialMemory.ToArray(), $"random n={n}", maxLoops, adaptive);
    }

    public static BenchRow Measure(BenchCase c, CompiledMachine machine, TorchSharp.torch.Device device, EngineKind engine, bool profile, int batch)
    {
        using var session = new MachineSession(c.Program, machine, device, engine);
        var runs = Enumerable.Repeat(new BatchRun(c.Program, c.Memory), batch).ToList();
        // Loops per second of the batch: the loops its rows needed (they all need the same) over the time.
        double Rate(BatchResult r) => r.Runs[0].Loops / Math.Max(r.Elapsed.TotalSeconds, 1e-9);
        BatchResult best;
        if (c.Adaptive)
        {
            // A sweep point: two loops to warm up and gauge, then about a second of loops; where a
            // loop is fast, the best of three such runs (small n is the noisiest).
            var gauge = session.RunBatch(runs, 2);
            double perLoop = Math.Max(gauge.Elapsed.TotalSeconds / 2, 1e-6);
            long loops = Math.Clamp((long)Math.Ceiling(1.0 / perLoop), 2, Math.Max(2, c.MaxLoops));
            best = Enumerable.Range(0, perLoop < 0.05 ? 3 : 1).Select(_ => session.RunBatch(runs, loops)).MaxBy(Rate)!;
        }
        else
        {
            session.RunBatch(runs, Math.Min(c.MaxLoops, 20)); // warm-up
            best = Enumerable.Range(0, 3).Select(_ => session.RunBatch(runs, c.MaxLoops)).MaxBy(Rate)!;
        }
        var layers = profile ? session.Profile((int)Math.Clamp(best.Runs[0].Loops, 1, 20)) : null;
        return new BenchRow(c.Label, machine.Name, MixerName(machine.Mixer), device.type.ToString().ToLowerInvariant(), session.Engine.Name, engine.ToString().ToLowerInvariant(), machine.Format.Name(),
            machine.Layout.Columns, machine.Layout.Rows, batch, best.Runs[0].Loops, Rate(best),
            InterpreterRate(c.Program, c.Memory, c.MaxLoops), layers);
    }

    /// <summary><paramref name="row"/>'s useful work per program-loop and its rate, against <paramref name="peak"/> on the row's threads.</summary>
    public static WorkRate Limit(BenchRow row, LoopWork work, KernelPeak peak)
    {
        int threads = Math.Max(row.Threads, 1);
        return new WorkRate(work.Macs, work.FeedForwardMacs, work.MixerMacs, work.Macs * row.ProgramLoopsPerSecond,
            peak.SparseMacsPerSecond * threads, peak.DenseMacsPerSecond * threads);
    }

    /// <summary>
    /// Loops per second of the batch verified in lockstep (<see cref="Lockstep.Verify"/>, or
    /// <see cref="LockstepBatch.Verify"/> for a batch): every loop compared with the interpreters.
    /// The best of three runs after a warm-up, as <see cref="Measure"/> times plain runs.
    /// </summary>
    public static double MeasureLockstep(BenchCase c, CompiledMachine machine, TorchSharp.torch.Device device, EngineKind engine, int batch)
    {
        using var session = new MachineSession(c.Program, machine, device, engine);
        var runs = Enumerable.Repeat(new BatchRun(c.Program, c.Memory), batch).ToList();
        double Rate(long maxSteps)
        {
            var clock = Stopwatch.StartNew();
            long steps = batch == 1 ? Lockstep.Verify(session, c.Memory, maxSteps).Steps : LockstepBatch.Verify(session, runs, maxSteps)[0].Steps;
            return steps / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        }
        Rate(Math.Min(c.MaxLoops, 20)); // warm-up
        return Enumerable.Range(0, 3).Max(_ => Rate(c.MaxLoops));
    }

    static double InterpreterRate(Program program, long[] memory, long maxSteps)
    {
        long steps = 0;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 200) steps += ReferenceRun.Run(program, memory, maxSteps).Steps;
        return steps / clock.Elapsed.TotalSeconds;
    }
}
