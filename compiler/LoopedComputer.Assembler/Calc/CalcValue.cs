using System.Numerics;

namespace LoopedComputer.Assembly.Calc;

/// <summary>A calculator value: an integer (FractionBits = 0) or a fixed-point number Raw / 2^FractionBits.</summary>
public readonly record struct CalcValue(BigInteger Raw, int FractionBits)
{
    public bool IsFixed => FractionBits > 0;

    /// <summary>
    /// The exact decimal expansion. Raw / 2^F = Raw · 5^F / 10^F, so it ends after at most F digits;
    /// trailing zeros are trimmed but one digit after the point stays, which marks the value as fixed point.
    /// </summary>
    public string ToDecimal()
    {
        if (!IsFixed) return Raw.ToString();
        var scaled = BigInteger.Abs(Raw) * BigInteger.Pow(5, FractionBits);
        var unit = BigInteger.Pow(10, FractionBits);
        string digits = BigInteger.Remainder(scaled, unit).ToString().PadLeft(FractionBits, '0').TrimEnd('0');
        return $"{(Raw.Sign < 0 ? "-" : "")}{scaled / unit}.{(digits.Length == 0 ? "0" : digits)}";
    }

    /// <summary>The decimal, and for fixed point the raw form the machine holds: "1.4140625  (fixed point, 8 fraction bits: 362 / 2^8)".</summary>
    public string Describe() =>
        IsFixed ? $"{ToDecimal()}  (fixed point, {FractionBits} fraction bits: {Raw} / 2^{FractionBits})" : ToDecimal();

    public override string ToString() => ToDecimal();
}
