using LoopedComputer.Machines;
using LoopedComputer.Engine;
using LoopedComputer.Studies.Families;

namespace LoopedComputer.Studies.Measurement;

/// <summary>
/// Runs a study's program on the looped transformer in lockstep with the interpreter (float64, the
/// softmax mixer, the compiler's λ), to show on a sample that the interpreter's step counts are the
/// transformer's loop counts. A row run this way says so in its CSV.
/// </summary>
static class TransformerSample
{
    public const string Description = "interpreter + transformer (lockstep, softmax, float64)";

    /// <summary>The loops the transformer took to halt in lockstep, or a reason it did not.</summary>
    public static (long? Loops, string Outcome) Run(SizedProgram sized, string machine, TorchSharp.torch.Device device, EngineKind engine, long maxSteps)
    {
        var compiled = MachineCatalog.Compile(sized.Program, machine, NumberFormat.Float64);
        using var session = new MachineSession(sized.Program, compiled, device, engine);
        var result = Lockstep.Verify(session, sized.Memory, maxSteps);
        return result.Passed ? (result.Steps, Description)
            : (null, $"transformer diverged at step {result.Divergence?.Step.ToString() ?? "?"} ({result.Status})");
    }
}
