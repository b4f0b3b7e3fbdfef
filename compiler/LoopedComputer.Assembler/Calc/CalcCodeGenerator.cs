using System.Numerics;
using System.Text;
using LoopedComputer.Assembly.Units;
using LoopedComputer.Isa;

namespace LoopedComputer.Assembly.Calc;

/// <summary>
/// One walk over an expression that both evaluates it exactly (arbitrary precision, the reference the
/// program is checked against) and appends the FLEQ instructions that compute it, so the typing rules
/// live in one place. Values are integers or fixed point with F fraction bits (only sqrt makes fixed
/// point, and only when F > 0); an integer meeting a fixed-point operand is promoted (shifted left F).
/// Every value the program holds, shifted and promoted ones included, is checked against the N-bit word,
/// so the program never wraps silently.
/// </summary>
sealed class CalcCodeGenerator(WordFormat word, int fractionBits, int maxBits, IReadOnlyDictionary<string, string> refusedUnits)
{
    readonly StringBuilder code = new();
    readonly List<string> cells = [];

    /// <summary>The instructions appended so far.</summary>
    public string Code => code.ToString();

    /// <summary>The temporary cells the instructions use.</summary>
    public IReadOnlyList<string> Cells => cells;

    /// <summary>Whether the code calls into int.lasm (÷, mod or sqrt without a function unit).</summary>
    public bool UsesLibrary { get; private set; }

    /// <summary>Why an operation calls a subroutine where it could have been a function unit, once each.</summary>
    public IReadOnlyList<string> Notes => notes;

    readonly List<string> notes = [];

    /// <summary>A compiled subexpression: the operand that holds it on the machine and its exact value.</summary>
    public readonly record struct Term(string Operand, CalcValue Value);

    /// <summary>Appends the instructions for <paramref name="e"/>; returns where its value is and what it is.</summary>
    public Term Generate(CalcExpression e) => e switch
    {
        CalcNumber n => new Term($"#{n.Value}", Fit(new CalcValue(n.Value, 0), n.Column, $"the number {n.Value}")),
        CalcNegate neg => Negate(neg),
        CalcSqrt s => Sqrt(s),
        CalcBinary b => Binary(b),
        _ => throw new ArgumentException($"unknown expression {e}"),
    };

    Term Negate(CalcNegate neg)
    {
        var x = Generate(neg.Operand);
        var value = Fit(x.Value with { Raw = -x.Value.Raw }, neg.Column, $"-({x.Value})");
        string t = Temp();
        code.AppendLine($"        neg {t}, {x.Operand}");
        return new Term(t, value);
    }

    /// <summary>
    /// ⌊√x · 2^F⌋ as fixed point: isqrt(n, f) = ⌊√(n · 4^f)⌋ with n = x, f = F for an integer; a fixed x
    /// (raw a) needs ⌊√(a · 2^F)⌋: n = a, f = F/2, and n = 2a where F is odd.
    /// </summary>
    Term Sqrt(CalcSqrt s)
    {
        var x = Generate(s.Operand);
        if (x.Value.Raw.Sign < 0) throw new CalcException(s.Column, $"sqrt of a negative number ({x.Value})");
        int pairs = x.Value.IsFixed ? fractionBits / 2 : fractionBits;
        var n = x.Value.Raw;
        bool doubled = x.Value.IsFixed && fractionBits % 2 == 1;
        if (doubled)
        {
            n <<= 1;
            CheckFits(n, s.Column, $"sqrt({x.Value}) with an odd --frac doubles the raw {x.Value.Raw} to {n}, which", scaled: true);
        }
        var root = UnitArithmetic.FloorSquareRoot(n << (2 * pairs));
        var limit = BigInteger.One << (word.Bits - 3);
        if (root >= limit)
        {
            string scaled = fractionBits > 0 ? $" · 2^{fractionBits}" : "";
            throw new CalcException(s.Column, $"sqrt({x.Value}){scaled} = {root}: the library's isqrt gives results below 2^{word.Bits - 3} = {limit} on {word.Bits}-bit words; "
                + Remedy((int)root.GetBitLength() + 3, scaled: fractionBits > 0));
        }
        string t = Temp();
        if (UseUnit(SqrtUnit(x.Value.IsFixed, limit), "sqrt", "isqrt"))
        {
            code.AppendLine($"        {(x.Value.IsFixed ? SqrtFixedUnit : SqrtIntegerUnit)} {t}, {x.Operand}");
            return new Term(t, new CalcValue(root, fractionBits));
        }
        UsesLibrary = true;
        code.AppendLine(doubled ? $"        shl isqrt_n, {x.Operand}, #1" : $"        mov isqrt_n, {x.Operand}");
        code.AppendLine($"        mov isqrt_f, #{pairs}");
        code.AppendLine("        call isqrt");
        code.AppendLine($"        mov {t}, isqrt_r");
        return new Term(t, new CalcValue(root, fractionBits));
    }

    /// <summary>The function units the code calls, as <c>.func</c> lines.</summary>
    public IReadOnlyList<string> Units => units.Values.ToList();

    readonly SortedDictionary<string, string> units = new(StringComparer.Ordinal);

    const string SqrtIntegerUnit = "calc_sqrt", SqrtFixedUnit = "calc_sqrt_fixed";

    /// <summary>
    /// Whether an operation is the function unit <paramref name="unit"/> (one loop; it is defined if so)
    /// or calls <paramref name="subroutine"/>: a unit needs words the language tabulates, and a machine
    /// that can build it (the caller's verdict, <paramref name="unit"/>'s name in the refused ones).
    /// </summary>
    bool UseUnit((string Name, string Definition) unit, string operation, string subroutine)
    {
        string? why = word.Bits > FunctionUnit.MaxOneArgumentBits
            ? $"function units are tabulated for words of at most {FunctionUnit.MaxOneArgumentBits} bits, and these are {word.Bits}"
            : refusedUnits.GetValueOrDefault(unit.Name);
        if (why is null)
        {
            units[unit.Name] = $".func {unit.Name}(x) = {unit.Definition}";
            return true;
        }
        string note = $"{operation} calls {subroutine}, not the unit {unit.Name}: {why}";
        if (!notes.Contains(note)) notes.Add(note);
        return false;
    }

    /// <summary>
    /// The unit for sqrt of an integer (⌊√(x · 4^F)⌋) or of a fixed-point raw value (⌊√(x · 2^F)⌋): the
    /// same floor as isqrt, from the language's rounded sqrt(x, K) stepped back where its square exceeds
    /// x · 2^K. Inputs whose root reaches isqrt's limit 2^(N−3), and negative ones, give 0: the compiler
    /// refuses them before they reach the machine, and the zeros keep the unit small.
    /// </summary>
    (string Name, string Definition) SqrtUnit(bool ofFixed, BigInteger limit)
    {
        int k = ofFixed ? fractionBits : 2 * fractionBits;
        // The largest input whose root stays below the limit: x · 2^K < limit², so x ≤ (limit² − 1) >> K.
        var largest = BigInteger.Min((limit * limit - 1) >> k, word.Max);
        return (ofFixed ? SqrtFixedUnit : SqrtIntegerUnit,
            $"x < 0 || x > {largest} ? 0 : sqrt(x, {k}) * sqrt(x, {k}) > x << {k} ? sqrt(x, {k}) - 1 : sqrt(x, {k})");
    }

    Term Binary(CalcBinary b)
    {
        var x = Generate(b.Left);
        var y = Generate(b.Right);
        string symbol = b.Operator switch
        {
            CalcOperator.Add => "+", CalcOperator.Subtract => "-", CalcOperator.Multiply => "*", CalcOperator.Divide => "/", _ => "mod",
        };
        string what = $"{x.Value} {symbol} {y.Value}";
        bool isFixed = x.Value.IsFixed || y.Value.IsFixed;
        int resultBits = isFixed ? fractionBits : 0;
        switch (b.Operator)
        {
            case CalcOperator.Add or CalcOperator.Subtract:
            {
                if (isFixed) (x, y) = (Promote(x, b.Column), Promote(y, b.Column));
                bool add = b.Operator == CalcOperator.Add;
                var value = Fit(new CalcValue(add ? x.Value.Raw + y.Value.Raw : x.Value.Raw - y.Value.Raw, resultBits), b.Column, what);
                string t = Temp();
                code.AppendLine($"        {(add ? "add" : "sub")} {t}, {x.Operand}, {y.Operand}");
                return new Term(t, value);
            }
            case CalcOperator.Multiply:
            {
                var product = x.Value.Raw * y.Value.Raw;
                string t = Temp();
                code.AppendLine($"        mul {t}, {x.Operand}, {y.Operand}");
                if (!(x.Value.IsFixed && y.Value.IsFixed)) return new Term(t, Fit(new CalcValue(product, resultBits), b.Column, what));
                // Both carry 2^F: the raw product has 2F fraction bits; an arithmetic shift floors it back to F.
                CheckFits(product, b.Column, $"{what}: the raw product {x.Value.Raw} * {y.Value.Raw} = {product}", scaled: true);
                code.AppendLine($"        shr {t}, {t}, #{fractionBits}");
                return new Term(t, new CalcValue(product >> fractionBits, fractionBits));
            }
            default:
                return Divide(b, x, y, what, resultBits);
        }
    }

    /// <summary>÷ and mod through idiv (truncated toward zero). A fixed divisor carries 2^F, so the dividend is shifted left by F for each 2^F it lacks.</summary>
    Term Divide(CalcBinary b, Term x, Term y, string what, int resultBits)
    {
        bool divide = b.Operator == CalcOperator.Divide;
        if (!divide && (x.Value.IsFixed || y.Value.IsFixed))
            throw new CalcException(b.Column, $"mod needs integers: {what} has a fixed-point operand (sqrt gives fixed point; --frac 0 keeps it an integer)");
        if (y.Value.Raw.IsZero) throw new CalcException(b.Column, $"division by zero in {what}");
        int shift = y.Value.IsFixed ? (x.Value.IsFixed ? fractionBits : 2 * fractionBits) : 0;
        var dividend = x.Value.Raw << shift;
        if (shift > 0) CheckFits(dividend, b.Column, $"{what}: the dividend {x.Value.Raw} << {shift} = {dividend}", scaled: true);
        // idiv works on magnitudes: -2^(N-1) has none in N bits.
        if (dividend == word.Min || y.Value.Raw == word.Min)
            throw new CalcException(b.Column, $"{what}: division takes operands above {word.Min} on {word.Bits}-bit words; use --bits {word.Bits + 1} or more");
        var quotient = divide ? BigInteger.Divide(dividend, y.Value.Raw) : BigInteger.Remainder(dividend, y.Value.Raw);   // toward zero; the sign of the dividend
        var value = Fit(new CalcValue(quotient, resultBits), b.Column, what);
        // By a number written in the expression: a unit of the dividend alone (a divisor the program computes stays an operand).
        if (b.Right is CalcNumber divisor)
        {
            string name = $"calc_{(divide ? "div" : "mod")}_{divisor.Value}";
            if (UseUnit((name, $"x {(divide ? "/" : "%")} {divisor.Value}"), divide ? $"/ {divisor.Value}" : $"mod {divisor.Value}", "idiv"))
            {
                string result = Temp();
                code.AppendLine($"        {name} {result}, {x.Operand}");
                return new Term(result, value);
            }
        }
        UsesLibrary = true;
        code.AppendLine(shift > 0 ? $"        shl idiv_a, {x.Operand}, #{shift}" : $"        mov idiv_a, {x.Operand}");
        code.AppendLine($"        mov idiv_b, {y.Operand}");
        code.AppendLine("        call idiv");
        string t = Temp();
        code.AppendLine($"        mov {t}, {(divide ? "idiv_q" : "idiv_r")}");
        return new Term(t, value);
    }

    /// <summary>An integer operand of a fixed-point + or −, shifted left F; a fixed one as it is.</summary>
    Term Promote(Term x, int column)
    {
        if (x.Value.IsFixed) return x;
        var raw = x.Value.Raw << fractionBits;
        CheckFits(raw, column, $"{x.Value} as fixed point: {x.Value.Raw} << {fractionBits} = {raw}", scaled: true);
        string t = Temp();
        code.AppendLine($"        shl {t}, {x.Operand}, #{fractionBits}");
        return new Term(t, new CalcValue(raw, fractionBits));
    }

    string Temp()
    {
        cells.Add($"t{cells.Count}");
        return cells[^1];
    }

    CalcValue Fit(CalcValue v, int column, string what)
    {
        CheckFits(v.Raw, column, v.IsFixed ? $"{what} = {v} (raw {v.Raw})" : $"{what} = {v}", scaled: v.IsFixed);
        return v;
    }

    /// <summary>Reports a raw value outside the word; <paramref name="scaled"/> where 2^F made it that large, so fewer fraction bits would help too.</summary>
    void CheckFits(BigInteger raw, int column, string what, bool scaled)
    {
        if (raw >= word.Min && raw <= word.Max) return;
        int needed = (int)Math.Max(raw.Sign < 0 ? (-raw - 1).GetBitLength() : raw.GetBitLength(), 1) + 1;
        throw new CalcException(column, $"overflow: {what} does not fit {word.Bits}-bit words ({word.Min}..{word.Max}); {Remedy(needed, scaled)}");
    }

    string Remedy(int neededBits, bool scaled)
    {
        string wider = neededBits <= maxBits ? $"use --bits {neededBits} or more" : $"that needs {neededBits} bits, more than the calculator's {maxBits}";
        return scaled ? $"{wider}, or fewer fraction bits than --frac {fractionBits}" : wider;
    }
}
