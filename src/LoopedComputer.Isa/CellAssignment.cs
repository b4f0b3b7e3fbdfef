using System.Globalization;

namespace LoopedComputer.Isa;

/// <summary>
/// <c>name=value</c>, <c>name=[v1,v2,...]</c> (or <c>name=v1,v2</c>) and <c>name[i]=value</c>:
/// how a user sets input cells, on the command line or in an input table.
/// </summary>
public sealed record CellAssignment(string Name, int? Index, IReadOnlyList<long> Values)
{
    public static CellAssignment Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new InputException($"'{text}': expected name=value, name=[v1,v2,...] or name[i]=value");
        string left = text[..eq].Trim(), right = text[(eq + 1)..].Trim();
        int? index = null;
        int bracket = left.IndexOf('[');
        if (bracket >= 0)
        {
            if (!left.EndsWith(']') || !int.TryParse(left[(bracket + 1)..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int i))
                throw new InputException($"'{left}': expected name[index] with a whole-number index");
            index = i;
            left = left[..bracket].Trim();
        }
        if (left.Length == 0 || !(char.IsLetter(left[0]) || left[0] == '_'))
            throw new InputException($"'{text}': the cell name is missing");
        if (right.StartsWith('[') && right.EndsWith(']')) right = right[1..^1];
        var parts = right.Split(',', StringSplitOptions.TrimEntries);
        var values = new long[parts.Length];
        for (int p = 0; p < parts.Length; p++)
            if (!TryParseInteger(parts[p], out values[p]))
                throw new InputException($"{left}: '{parts[p]}' is not an integer");
        return new CellAssignment(left, index, values);
    }

    /// <summary>Decimal, 0x hex or 0b binary, with an optional sign.</summary>
    public static bool TryParseInteger(string text, out long value)
    {
        value = 0;
        text = text.Trim().Replace("_", "");
        bool negative = text.StartsWith('-');
        if (negative || text.StartsWith('+')) text = text[1..];
        ulong magnitude;
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out magnitude)
            : text.StartsWith("0b", StringComparison.OrdinalIgnoreCase)
                ? TryParseBinary(text[2..], out magnitude)
                : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        if (!ok || text.Length == 0) return false;
        if (negative ? magnitude > 1UL << 63 : magnitude > long.MaxValue) return false;
        value = negative ? (long)(0UL - magnitude) : (long)magnitude;
        return true;
    }

    static bool TryParseBinary(string digits, out ulong value)
    {
        value = 0;
        if (digits.Length == 0) return false;
        digits = digits.TrimStart('0');
        if (digits.Length > 64) return false;
        foreach (char ch in digits)
        {
            if (ch is not ('0' or '1')) return false;
            value = (value << 1) | (ch == '1' ? 1UL : 0UL);
        }
        return true;
    }

    public override string ToString() =>
        $"{Name}{(Index is null ? "" : $"[{Index}]")}={(Values.Count == 1 ? Values[0].ToString() : $"[{string.Join(",", Values)}]")}";
}
