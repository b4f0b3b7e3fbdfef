namespace LoopedComputer.Studies.Measurement;

/// <summary>Summaries of each program's first diverging loop (null: it agreed for every loop of the run).</summary>
public static class Divergences
{
    public static long? First(IReadOnlyList<long?> divergences) => divergences.Where(d => d is not null).Min();

    /// <summary>The median first diverging loop, a program that never diverged counting as the loop limit (so a lower bound).</summary>
    public static double Median(IReadOnlyList<long?> divergences, long loops)
    {
        var sorted = divergences.Select(d => (double)(d ?? loops)).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
