namespace LoopedComputer.Studies;

/// <summary>A study: the name `looped study` takes, what it measures, and the run that writes its tables and figure.</summary>
public sealed record StudyDefinition(string Name, string Description, Action<StudyContext> Run);

/// <summary>The studies of loop count against capacity, in the order docs/study.md presents them.</summary>
public static class StudyCatalog
{
    public static IReadOnlyList<StudyDefinition> All { get; } =
    [
        new("loops", "loops to halt against problem size per program family, SUBLEQ (paper machine) against FLEQ, with fitted growth", LoopsStudy.Run),
        new("capacity", "rows d, parameters and non-zeros per layer against columns n and word bits N, for both machines", CapacityStudy.Run),
        new("frontier", "the smallest exact λ (to 0.25) per machine, dtype, n and N from batches of random programs in lockstep, fitted and set beside the compiler's bound and the paper's λ", FrontierStudy.Run),
        new("cost", "time and memory per loop against n for both mixers on this device, with fitted exponents", CostStudy.Run),
        new("tradeoff", "loops needed against machine capacity: narrower words, a smaller function menu, or a subroutine instead of a function unit for the same computation", TradeoffStudy.Run),
        new("units", "the same computation as a subroutine and as a function unit: loops, d, parameters, non-zeros and time per loop", UnitsStudy.Run),
        new("precision", "the widest exact N in float16 and bfloat16 per machine and mixer, and where not exact the loops until the first divergence and the layer that went wrong", PrecisionStudy.Run),
        new("noise", "loops until the first divergence under Gaussian noise on the weights or the state, with the error correction and without it", NoiseStudy.RunStudy),
    ];
}
