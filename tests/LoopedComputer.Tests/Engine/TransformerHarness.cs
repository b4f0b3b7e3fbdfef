using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using TorchSharp;

namespace LoopedComputer.Tests.Engine;

/// <summary>Compiles a program for a machine and verifies it in lockstep on the CPU.</summary>
public static class TransformerHarness
{
    public static VerifyResult Verify(Program program, IReadOnlyList<long>? memory = null, NumberFormat format = NumberFormat.Float32,
        string? machine = null, double? lambda = null, long maxSteps = 1_000_000, MixerKind mixer = MixerKind.Softmax)
        => Verify(program, machine is null ? MachineCatalog.Default : MachineCatalog.Find(machine), format, lambda, maxSteps, mixer, memory);

    /// <summary>The same for a machine given by its definition (one not, or not yet, in the catalogue).</summary>
    public static VerifyResult Verify(Program program, IMachineDefinition machine, NumberFormat format = NumberFormat.Float32, double? lambda = null,
        long maxSteps = 1_000_000, MixerKind mixer = MixerKind.Softmax, IReadOnlyList<long>? memory = null)
    {
        var compiled = MachineCatalog.Compile(program, machine, format, lambda, mixer);
        using var session = new MachineSession(program, compiled, torch.CPU);
        return Lockstep.Verify(session, memory ?? program.InitialMemory, maxSteps);
    }

    public static string Explain(VerifyResult result) => result.Divergence is { } d
        ? $"diverged at step {d.Step} (pc {d.Pc}, {d.Instruction}): pc expected {d.ExpectedPc} got {d.ActualPc}; " +
          string.Join(", ", d.Cells.Select(c => $"cell {c.Cell} expected {c.Expected} got {c.Actual}")) + $"; {d.FirstUncleanLayer}"
        : $"{result.Status} after {result.Steps} steps";
}
