namespace LoopedComputer.Machines;

/// <summary>
/// The inverse temperature λ of the softmax heads. A read or write head ties column 0 with its
/// target (score logn each) and scores every other column at least 2 lower, so the mass leaking to
/// wrong columns is at most (n − 2)·e^(−2λ)/2 per entry. The adders then amplify an input error by
/// up to about 2^N each, and two run back to back (negate, add) before the next clean-up, so the
/// leak must stay below 2^(−2N) times the clean-up's tolerance with room for the adders' unit
/// count. That gives the safe bound
///     λ_min(n, N) = ½·(ln n + 2N·ln 2 + ln 64),
/// i.e. λ_min ≈ N·ln 2 + ½·ln n + 2.1, which matches the measured failure threshold of the released
/// code (factorial(7), N = 15, n = 23: fails at λ = 12, works at 14; λ_min = 14.0).
/// The default adds <see cref="DefaultMargin"/>, which shrinks the leak by a further e^(−2·margin).
/// A λ above the format's <see cref="Ceiling"/> is refused too: λ·score would overflow.
/// This is the paper machine's bound; the FLEQ machine cleans its operands before computing and
/// has its own, lower bound (FleqDefinition.LambdaBound).
/// </summary>
public static class Temperature
{
    public const double DefaultMargin = 8;

    public static double SafeBound(int columns, int wordBits) =>
        0.5 * (Math.Log(Math.Max(columns, 2)) + 2 * wordBits * Math.Log(2) + Math.Log(64));

    /// <summary>
    /// The largest score a head gives a clean state, with room to spare: a score is the dot product
    /// of two ±1 codes, one term per row of the head's code, and no code needs 64 bits (columns are
    /// counted in an int).
    /// </summary>
    public const int MaxScore = 64;

    /// <summary>
    /// The largest λ <paramref name="format"/> carries: λ times any score, and the difference of two
    /// such products that the stable softmax forms, stay finite. Above it λ·score overflows to ∞ and
    /// the softmax turns ∞ − ∞ into NaN. Up to it a larger λ only makes the ½/½ ties and zeros exact
    /// sooner (scores of a clean state are small integers, computed exactly).
    /// </summary>
    public static double Ceiling(NumberFormat format) =>
        format.MaxValue() / (2.0 * MaxScore);

    /// <summary>Returns λ to use: bound + margin by default, or the user's value if it lies from the bound to the format's ceiling.</summary>
    public static double Choose(double? requested, double bound, int columns, int wordBits, NumberFormat format)
    {
        if (requested is not double lambda) return bound + DefaultMargin;
        double ceiling = Ceiling(format);
        string fix = $"use --lambda from {Math.Ceiling(bound * 100) / 100:F2} to {ceiling:G3}, or leave it out for the default {bound + DefaultMargin:F2}";
        if (double.IsNaN(lambda))
            throw new ArgumentException($"λ = NaN is not a number; {fix}");
        if (lambda < bound)
            throw new ArgumentException(
                $"λ = {lambda:G4} is below the safe bound {bound:F2} for n = {columns} columns and N = {wordBits}-bit words; {fix}");
        if (lambda > ceiling)
            throw new ArgumentException(
                $"λ = {lambda:G4} is above {ceiling:G3}, the largest λ {format.Name()} carries (λ times an attention score, at most {MaxScore}, must stay finite); {fix}");
        return lambda;
    }
}
