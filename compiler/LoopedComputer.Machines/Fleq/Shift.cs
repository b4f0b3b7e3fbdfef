namespace LoopedComputer.Machines.Fleq;

/// <summary>
/// shl and shr by u = y read as an unsigned word. One step decodes u: ShiftOneHot[s] = [u = s] for
/// s &lt; N (the ±1 bits of y match the code of s in all N places), ShiftBig = [u ≥ N]; the next routes
/// bits (0/1 outputs): left bit e = Σ_s [u = s]·x_(e−s); right bit e = Σ_s [u = s]·x_min(e+s, N−1)
/// + ShiftBig·sign(x), the sign filling in for an arithmetic shift.
/// </summary>
public static class Shift
{
    public static Block Decode(FleqLayout l) => new("shift decode")
    {
        Reads = [l.Y],
        Writes = [l.ShiftOneHot, l.ShiftBig],
        Units = ff => AddDecode(ff, l),
    };

    public static Block Route(FleqLayout l) => new("shift")
    {
        Reads = [l.ShiftOneHot, l.ShiftBig, l.X],
        Writes = [l.ShiftedLeft, l.ShiftedRight],
        Units = ff => AddRoute(ff, l),
    };

    static void AddDecode(FeedForwardBuilder ff, FleqLayout l)
    {
        int n = l.WordBits;
        for (int s = 0; s < n; s++)
        {
            var code = Encoding.WordBits(s, n);
            ff.Unit(l.Y.Rows.Select((row, i) => (row, code[i])), -(n - 1), [(l.ShiftOneHot[s], 1)]);
        }
        // U = Σ 2^e·u_e = Σ 2^(e−1)·y_e + (2^N − 1)/2; [U ≥ N] = ReLU(U − N + 1) − ReLU(U − N).
        var value = Enumerable.Range(0, n).Select(e => (l.BitRow(l.Y, e), Math.Pow(2, e - 1))).ToList();
        double offset = (Math.Pow(2, n) - 1) / 2;
        ff.Unit([.. value, (l.Indicator, offset - n + 1)], 0, [(l.ShiftBig[0], 1)]);
        ff.Unit([.. value, (l.Indicator, offset - n)], 0, [(l.ShiftBig[0], -1)]);
    }

    static void AddRoute(FeedForwardBuilder ff, FleqLayout l)
    {
        int n = l.WordBits;
        for (int e = 0; e < n; e++)
            for (int s = 0; s < n; s++)
            {
                if (e - s >= 0)
                    ff.Unit([(l.ShiftOneHot[s], 1), (l.BitRow(l.X, e - s), 0.5)], -0.5, [(l.BitRow(l.ShiftedLeft, e), 1)]);
                ff.Unit([(l.ShiftOneHot[s], 1), (l.BitRow(l.X, Math.Min(e + s, n - 1)), 0.5)], -0.5, [(l.BitRow(l.ShiftedRight, e), 1)]);
            }
        for (int e = 0; e < n; e++)
            ff.Unit([(l.ShiftBig[0], 1), (l.X[0], 0.5)], -0.5, [(l.BitRow(l.ShiftedRight, e), 1)]);
    }
}
