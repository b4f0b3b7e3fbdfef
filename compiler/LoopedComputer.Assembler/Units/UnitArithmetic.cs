using System.Numerics;

namespace LoopedComputer.Assembly.Units;

/// <summary>An input where a unit's expression has no value (÷ 0, log of ≤ 0, ...): why, and the operator or call at fault.</summary>
sealed class UndefinedInput(int column, string reason) : Exception(reason)
{
    public int Column { get; } = column;
}

/// <summary>
/// The exact integer arithmetic of unit expressions (docs/function-units.md). Every value is an
/// unbounded integer; only the unit's result is wrapped to N bits. / and % truncate toward zero like
/// C; &gt;&gt; is arithmetic (rounds toward −∞); comparisons and ! give 1 or 0; the fixed-point helpers
/// read x as x / 2^F and give their result times 2^F rounded to nearest, ties away from zero.
/// </summary>
static class UnitArithmetic
{
    /// <summary>The built-in calls and their argument counts.</summary>
    public static readonly IReadOnlyDictionary<string, int> Calls = new Dictionary<string, int>
    {
        ["min"] = 2, ["max"] = 2, ["abs"] = 1, ["clamp"] = 3,
        ["sigmoid"] = 2, ["tanh"] = 2, ["exp"] = 2, ["log"] = 2, ["sqrt"] = 2, ["recip"] = 2,
    };

    /// <summary>Shift counts beyond this are refused as undefined (no word is that wide).</summary>
    public const int MaxShift = 1024;

    /// <summary>The fixed-point helpers' fraction bits: 0..MaxFractionBits.</summary>
    public const int MaxFractionBits = 62;

    /// <summary>Results of the double-precision helpers (sigmoid, tanh, exp, log) must stay below 2^53, where doubles hold every integer.</summary>
    static readonly double ExactDoubleLimit = Math.Pow(2, 53);

    public static BigInteger Evaluate(UnitExpr expr, IReadOnlyDictionary<string, BigInteger> names) => expr switch
    {
        UnitNumber n => BigInteger.Parse(n.Text), // bound to decimal text by UnitTables.Bind
        UnitName n => names[n.Name],
        UnitUnary u => Unary(u, Evaluate(u.Operand, names)),
        UnitBinary { Operator: "&&" } b => Evaluate(b.Left, names).IsZero ? 0 : Truth(!Evaluate(b.Right, names).IsZero),
        UnitBinary { Operator: "||" } b => !Evaluate(b.Left, names).IsZero ? 1 : Truth(!Evaluate(b.Right, names).IsZero),
        UnitBinary b => Binary(b, Evaluate(b.Left, names), Evaluate(b.Right, names)),
        UnitConditional c => Evaluate(Evaluate(c.Condition, names).IsZero ? c.WhenFalse : c.WhenTrue, names),
        UnitCall c => Call(c, c.Arguments.Select(a => Evaluate(a, names)).ToArray()),
        _ => throw new InvalidOperationException($"unknown unit expression {expr}"),
    };

    static BigInteger Truth(bool value) => value ? BigInteger.One : BigInteger.Zero;

    static BigInteger Unary(UnitUnary u, BigInteger v) => u.Operator switch
    {
        "-" => -v,
        "~" => -v - 1,
        _ => Truth(v.IsZero),
    };

    static BigInteger Binary(UnitBinary b, BigInteger l, BigInteger r) => b.Operator switch
    {
        "+" => l + r,
        "-" => l - r,
        "*" => l * r,
        "/" => r.IsZero ? throw new UndefinedInput(b.Column, "division by zero") : BigInteger.Divide(l, r),
        "%" => r.IsZero ? throw new UndefinedInput(b.Column, "remainder of a division by zero") : BigInteger.Remainder(l, r),
        "<<" => l << ShiftCount(b, r),
        ">>" => l >> ShiftCount(b, r),
        "<" => Truth(l < r),
        "<=" => Truth(l <= r),
        ">" => Truth(l > r),
        ">=" => Truth(l >= r),
        "==" => Truth(l == r),
        "!=" => Truth(l != r),
        "&" => l & r,
        "|" => l | r,
        "^" => l ^ r,
        _ => throw new InvalidOperationException($"unknown operator {b.Operator}"),
    };

    static int ShiftCount(UnitBinary b, BigInteger count) =>
        count < 0 || count > MaxShift ? throw new UndefinedInput(b.Column, $"a shift by {count} (shift counts are 0..{MaxShift})") : (int)count;

    static BigInteger Call(UnitCall c, BigInteger[] a)
    {
        switch (c.Function)
        {
            case "min": return BigInteger.Min(a[0], a[1]);
            case "max": return BigInteger.Max(a[0], a[1]);
            case "abs": return BigInteger.Abs(a[0]);
            case "clamp":
                if (a[1] > a[2]) throw new UndefinedInput(c.Column, $"clamp with low {a[1]} above high {a[2]}");
                return BigInteger.Min(BigInteger.Max(a[0], a[1]), a[2]);
        }
        var (x, f) = (a[0], FractionBits(c, a[1]));
        BigInteger one = BigInteger.One << f;
        switch (c.Function)
        {
            case "sqrt":
                if (x < 0) throw new UndefinedInput(c.Column, $"sqrt of {x}, below 0");
                return RoundedSquareRoot(x << f);
            case "recip":
                if (x.IsZero) throw new UndefinedInput(c.Column, "recip of 0");
                return RoundedQuotient(one * one, x);
            case "log":
                if (x <= 0) throw new UndefinedInput(c.Column, $"log of {x}, not above 0");
                return Rounded(c, (BigInteger.Log(x) - f * Math.Log(2)) * (double)one);
        }
        double real = (double)x / (double)one;
        double value = c.Function switch
        {
            "sigmoid" => 1 / (1 + Math.Exp(-real)),
            "tanh" => Math.Tanh(real),
            _ => Math.Exp(real),
        };
        return Rounded(c, value * (double)one);
    }

    static int FractionBits(UnitCall c, BigInteger f) =>
        f < 0 || f > MaxFractionBits ? throw new UndefinedInput(c.Column, $"{c.Function} with {f} fraction bits (give 0..{MaxFractionBits})") : (int)f;

    /// <summary>A helper's scaled result rounded to nearest, ties away from zero; undefined where a double no longer holds every integer.</summary>
    static BigInteger Rounded(UnitCall c, double scaled)
    {
        double rounded = Math.Round(scaled, MidpointRounding.AwayFromZero);
        if (!(Math.Abs(rounded) < ExactDoubleLimit))
            throw new UndefinedInput(c.Column, $"{c.Function} out of range (its scaled result {scaled:G4} is not below 2^53)");
        return new BigInteger(rounded);
    }

    /// <summary>√v rounded to nearest (a tie cannot occur for an integer v): r = ⌊√v⌋, plus 1 when v &gt; r² + r.</summary>
    public static BigInteger RoundedSquareRoot(BigInteger v)
    {
        var r = FloorSquareRoot(v);
        return v > r * r + r ? r + 1 : r;
    }

    /// <summary>⌊√v⌋ for v ≥ 0, exactly: the double's estimate corrected by whole steps.</summary>
    public static BigInteger FloorSquareRoot(BigInteger v)
    {
        if (v < 2) return v;
        var r = (BigInteger)Math.Sqrt((double)v);
        while (r * r > v) r--;
        while ((r + 1) * (r + 1) <= v) r++;
        return r;
    }

    /// <summary>n / d rounded to nearest, ties away from zero, exactly.</summary>
    public static BigInteger RoundedQuotient(BigInteger n, BigInteger d)
    {
        var q = BigInteger.DivRem(BigInteger.Abs(n), BigInteger.Abs(d), out var remainder);
        if (remainder * 2 >= BigInteger.Abs(d)) q++;
        return n.Sign * d.Sign < 0 ? -q : q;
    }
}
