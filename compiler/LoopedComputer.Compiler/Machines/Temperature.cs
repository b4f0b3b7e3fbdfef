namespace LoopedComputer.Compiler.Machines;

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
/// This is the paper machine's bound; the FLEQ machine cleans its operands before computing and
/// has its own, lower bound (FleqMachine.LambdaBound).
/// </summary>
public static class Temperature
{
    public const double DefaultMargin = 8;

    public static double SafeBound(int columns, int wordBits) =>
        0.5 * (Math.Log(Math.Max(columns, 2)) + 2 * wordBits * Math.Log(2) + Math.Log(64));

    /// <summary>Returns λ to use: bound + margin by default, or the user's value if it is at least the bound.</summary>
    public static double Choose(double? requested, double bound, int columns, int wordBits)
    {
        if (requested is not double lambda) return bound + DefaultMargin;
        if (double.IsNaN(lambda) || lambda < bound)
            throw new ArgumentException(
                $"λ = {lambda:G4} is below the safe bound {bound:F2} for n = {columns} columns and N = {wordBits}-bit words; " +
                $"use --lambda {Math.Ceiling(bound * 100) / 100:F2} or more, or leave it out for the default {bound + DefaultMargin:F2}");
        return lambda;
    }
}
