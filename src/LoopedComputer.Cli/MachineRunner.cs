using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;

namespace LoopedComputer.Cli;

/// <summary>
/// The one way every command opens, runs, verifies and traces a machine: compiler and device errors
/// become CLI errors here, the CPU's memory and threads are set here, and a divergence is printed here.
/// </summary>
static class MachineRunner
{
    /// <summary>Compiles <paramref name="machine"/> for the program's shape; a refusal (λ, word width, instruction set) is a CLI error.</summary>
    public static CompiledMachine Compile(Program program, IMachineDefinition machine, NumberFormat? format, double? lambda = null, MixerKind mixer = MixerKind.Softmax)
    {
        try
        {
            return MachineCatalog.Compile(program, machine, format, lambda, mixer);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>The device a --device value names; one this build or computer lacks is a CLI error.</summary>
    public static TorchSharp.torch.Device Device(string name)
    {
        try
        {
            return TorchBackend.ResolveDevice(name);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>The engine an --engine value names (auto resolved for <paramref name="machine"/>, or left auto without one); the native engine off the CPU is a CLI error.</summary>
    public static EngineKind Engine(string name, TorchSharp.torch.Device device, CompiledMachine? machine = null)
    {
        try
        {
            var kind = Engines.Check(Engines.Parse(name), device);
            return machine is null ? kind : Engines.Resolve(kind, device, machine);
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>
    /// Readies <paramref name="batch"/> rows of <paramref name="machine"/> on <paramref name="device"/>
    /// (<see cref="Prepare"/>), prints the machine line to <paramref name="describeTo"/> unless it is
    /// null, and opens a session on <paramref name="engine"/> (an --engine value).
    /// </summary>
    public static MachineSession Open(Program program, CompiledMachine machine, TorchSharp.torch.Device device, string engine, string threads, TextWriter? describeTo, int batch = 1)
    {
        var kind = Engine(engine, device, machine);
        string where = Prepare(machine, device, kind, threads, batch);
        describeTo?.WriteLine($"{machine.Describe()}, {where}");
        return new MachineSession(program, machine, device, kind);
    }

    /// <summary>
    /// Readies this process to run <paramref name="batch"/> rows of <paramref name="machine"/> on
    /// <paramref name="device"/>: on the CPU, refuses a machine too large for its memory and sets the
    /// thread count (<paramref name="threads"/>: a --threads value, for libtorch's kernels; the native
    /// engine runs one batch row per core). Returns the engine, device and threads as the machine line shows them.
    /// </summary>
    public static string Prepare(CompiledMachine machine, TorchSharp.torch.Device device, EngineKind engine, string threads, int batch = 1)
    {
        string where = $"{engine.ToString().ToLowerInvariant()} engine on {device.type.ToString().ToLowerInvariant()}";
        if (device.type != TorchSharp.DeviceType.CPU) return where;
        RequireMemory(machine, batch);
        int used = TorchThreads.Use(Options.ParseThreads(threads) ?? TorchThreads.Automatic((long)machine.Layout.Rows * machine.Layout.Columns * batch));
        if (engine == EngineKind.Native) used = NativeEngine<float>.WorkersFor(batch);
        return $"{where}, {used} thread{(used == 1 ? "" : "s")}";
    }

    /// <summary>Refuses a machine whose estimated memory exceeds what this computer has available, naming both and the fix.</summary>
    static void RequireMemory(CompiledMachine machine, int batch)
    {
        var footprint = MachineFootprint.Of(machine, batch);
        long available = MachineFootprint.AvailableCpuBytes();
        if (footprint.TotalBytes <= available) return;
        string rows = batch == 1 ? "" : $" for a batch of {batch:N0}";
        string fix = machine.Mixer == MixerKind.Softmax
            ? $"use --mixer linear (exact, O(n) memory: about {MachineFootprint.Format(MachineFootprint.Of(machine with { Mixer = MixerKind.Linear }, batch).TotalBytes)})"
            : batch > 1 ? "use a smaller --batch-size" : "run a smaller program";
        string softmax = footprint.AttentionBytes > 0 ? $", of which {MachineFootprint.Format(footprint.AttentionBytes)} are softmax's n×n matrices ({machine.Layout.Columns:N0}² per head)" : "";
        throw new CliException($"machine {machine.Name} with {machine.Layout.Columns:N0} columns needs about {MachineFootprint.Format(footprint.TotalBytes)}{rows}{softmax}; " +
            $"this computer has {MachineFootprint.Format(available)} available; {fix}");
    }

    /// <summary>
    /// Runs the interpreter first (it is orders of magnitude faster than the transformer), so that
    /// a program that does not halt within the step limit is reported at once, not after a long
    /// lockstep run. Returns the interpreter's run.
    /// </summary>
    public static RunResult RequireHalt(Program program, IReadOnlyList<long> memory, long maxSteps)
    {
        var run = ReferenceRun.Run(program, memory, maxSteps);
        if (run.Status != RunStatus.Halted)
            throw new CliException($"{program.Name} does not halt within {maxSteps:N0} steps on the interpreter (it stops at {StateSoFar(program, run.Memory, run.Pc)}), " +
                "so the transformer was not started; raise --max-steps if it needs longer", ExitCodes.StepLimit);
        return run;
    }

    /// <summary>
    /// Verifies the session in lockstep from <paramref name="memory"/>, with a progress line when
    /// <paramref name="progress"/> (a --progress value) asks for one; a divergence is printed in full
    /// (the caller exits with <see cref="ExitCodes.Diverged"/>).
    /// </summary>
    public static VerifyResult Verify(MachineSession session, IReadOnlyList<long> memory, long maxSteps, string progress = ProgressDisplay.Never, string? label = null)
    {
        var result = ProgressDisplay.Run(progress, false, label ?? $"verifying {session.Program.Name}", 1,
            report => Lockstep.Verify(session, memory, maxSteps, steps => report(steps, 0)));
        if (result.Divergence is { } divergence) Console.WriteLine(Describe(session.Program, divergence));
        return result;
    }

    /// <summary>Where a run stopped: the PC, its instruction as the program's semantics describe it, and its source line.</summary>
    public static string StateSoFar(Program program, IReadOnlyList<long> memory, int pc)
    {
        string source = pc >= 0 && pc < program.SourceMap.Count && program.SourceMap[pc] is { } s ? $" (line {s.Location.Line}: {s.Statement})" : "";
        return $"pc {pc} `{program.Reference.Describe(program, memory, pc)}`{source}";
    }

    public static string Describe(Program program, Divergence d)
    {
        var lines = new List<string>();
        string source = d.Source is { } s ? $" (line {s.Location.Line}: {s.Statement})" : "";
        lines.Add($"DIVERGED at step {d.Step}: pc {d.Pc} `{d.Instruction}`{source}");
        if (d.ExpectedPc != d.ActualPc) lines.Add($"  pc: expected {d.ExpectedPc}, got {d.ActualPc}");
        foreach (var cell in d.Cells) lines.Add($"  {program.CellName(cell.Cell)} (cell {cell.Cell}): expected {cell.Expected}, got {cell.Actual}");
        lines.Add(d.FirstUncleanLayer is { } layer ? $"  first non-clean value: {layer}" : "  every layer's output was clean (within ε of -1, 0, 1)");
        return string.Join("\n", lines);
    }
}
