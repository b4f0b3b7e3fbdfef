using LoopedComputer.Machines;
using LoopedComputer.Machines.Fleq;
using LoopedComputer.Engine;
using LoopedComputer.Isa;
using LoopedComputer.Tests.Engine;

namespace LoopedComputer.Tests.Programs;

/// <summary>Runs the application programs (programs/linalg, programs/learn, programs/classic) on the interpreter and the transformer.</summary>
static class AppRuns
{
    /// <summary>
    /// A lockstep loop of a 40-bit fixed-point program costs about 10–50 ms on a 2-core CPU (the MLP
    /// grows as N⁴), so the longest runs are checked over a prefix by default; this variable asks for whole runs.
    /// </summary>
    public static bool FullLockstep => Environment.GetEnvironmentVariable("LOOPED_APPS_LOCKSTEP") == "1";

    public static Program Load(string name) => BundledPrograms.Load(name);

    /// <summary>Runs to the halt on the interpreter with some inputs set (values as --set takes them).</summary>
    public static Func<string, IReadOnlyList<long>> Run(Program program, params string[] sets)
    {
        var memory = program.MemoryWith(sets.Select(CellAssignment.Parse));
        var result = Interpreter.Run(program, memory, 50_000_000);
        Assert.Equal(RunStatus.Halted, result.Status);
        return cell => program.Read(result.Memory, cell).Values;
    }

    /// <summary>
    /// Lockstep on the FLEQ machine with the linear mixer (exact, and the cheaper one here), in float32
    /// where the word allows it and float64 above: the whole run (<paramref name="prefixSteps"/> null),
    /// or its first <paramref name="prefixSteps"/> loops unless <see cref="FullLockstep"/>.
    /// </summary>
    public static void VerifyOnTransformer(Program program, int? prefixSteps, params string[] sets)
    {
        var memory = program.MemoryWith(sets.Select(CellAssignment.Parse));
        bool whole = FullLockstep || prefixSteps is null;
        long steps = whole ? 50_000_000 : prefixSteps!.Value;
        var format = program.Word.Bits <= FleqDefinition.Instance.MaxWordBits(NumberFormat.Float32) ? NumberFormat.Float32 : NumberFormat.Float64;
        var result = TransformerHarness.Verify(program, memory, format, FleqMachine.Name, maxSteps: steps, mixer: MixerKind.Linear);
        Assert.True(result.Divergence is null, $"{program.Name}: {TransformerHarness.Explain(result)}");
        if (whole) Assert.Equal(RunStatus.Halted, result.Status);
    }
}
