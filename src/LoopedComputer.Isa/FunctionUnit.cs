namespace LoopedComputer.Isa;

/// <summary>
/// A function unit a program defines (<c>.func</c>): its meaning is its table, one N-bit output for
/// every input (every word x, or every pair x, y). The interpreter applies this table and the FLEQ
/// machine is built from it, so the two cannot disagree on rounding. A unit's opcode follows the
/// built-in functions (<see cref="FunctionNames.Unit"/>).
/// </summary>
public sealed class FunctionUnit
{
    /// <summary>The widest word a one-argument unit is tabulated for (2^20 entries).</summary>
    public const int MaxOneArgumentBits = 20;

    /// <summary>The widest word a two-argument unit is tabulated for (2^16 pairs).</summary>
    public const int MaxTwoArgumentBits = 8;

    readonly long[] table;

    public string Name { get; }
    public int Arity { get; }
    public WordFormat Word { get; }

    /// <summary>The definition as written, for listings (may be empty).</summary>
    public string Definition { get; }

    /// <summary>Outputs in input order: index (x − Min)·2^N + (y − Min) for two arguments, x − Min for one.</summary>
    public IReadOnlyList<long> Table => table;

    public FunctionUnit(string name, int arity, WordFormat word, IReadOnlyList<long> table, string definition = "")
    {
        if (arity is not (1 or 2)) throw new ArgumentException($"unit '{name}': a unit takes one or two arguments, not {arity}");
        int limit = MaxBits(arity);
        if (word.Bits > limit)
            throw new ArgumentException($"unit '{name}': {arity}-argument units are tabulated for words of at most {limit} bits; the program's are {word.Bits}");
        long count = 1L << (arity * word.Bits);
        if (table.Count != count) throw new ArgumentException($"unit '{name}': the table has {table.Count} entries; {arity} argument(s) of {word.Bits} bits need {count}");
        if (table.FirstOrDefault(v => !word.Fits(v), word.Min) is var bad && !word.Fits(bad))
            throw new ArgumentException($"unit '{name}': table value {bad} does not fit {word}");
        Name = name;
        Arity = arity;
        Word = word;
        Definition = definition;
        this.table = table.ToArray();
    }

    /// <summary>The widest word a unit of <paramref name="arity"/> arguments is tabulated for.</summary>
    public static int MaxBits(int arity) => arity == 1 ? MaxOneArgumentBits : MaxTwoArgumentBits;

    public int InputCount => table.Length;

    /// <summary>The table index of the input (x, y); y is ignored by a one-argument unit.</summary>
    public int Index(long x, long y) => Arity == 1
        ? (int)(x - Word.Min)
        : (int)(((x - Word.Min) << Word.Bits) + (y - Word.Min));

    /// <summary>The input (x, y) at a table index (y = 0 for a one-argument unit).</summary>
    public (long X, long Y) InputAt(int index) => InputAt(index, Arity, Word);

    /// <summary>The input (x, y) at a table index of a unit of <paramref name="arity"/> arguments over <paramref name="word"/>.</summary>
    public static (long X, long Y) InputAt(long index, int arity, WordFormat word) => arity == 1
        ? (index + word.Min, 0)
        : ((index >> word.Bits) + word.Min, (index & ((1L << word.Bits) - 1)) + word.Min);

    public long Apply(long x, long y) => table[Index(x, y)];

    public override string ToString() => Definition.Length > 0 ? Definition : $"{Name} ({Arity} argument(s), {Word})";
}
