namespace LoopedComputer.Machines;

/// <summary>How a field's rows carry their values.</summary>
public enum RowEncoding
{
    /// <summary>±1 bits (a word MSB first, or an address code); a code may also be all zero (no address).</summary>
    PlusMinusOne,
    /// <summary>0/1 indicators and bits.</summary>
    ZeroOne,
    /// <summary>At most one row is 1, the others 0.</summary>
    OneHot,
    /// <summary>Real values, e.g. a buffer holding an average that attention formed.</summary>
    Scalar,
    /// <summary>A span over consecutive fields of different encodings (e.g. an instruction: one-hot function, ±1 codes).</summary>
    Mixed,
}

/// <summary>How long a field's value lives; the layer plan checks the two scratch kinds.</summary>
public enum RowRole
{
    /// <summary>Written by the encoder, never by a layer: the program, address codes, indicators.</summary>
    Constant,
    /// <summary>The machine's state, carried from loop to loop: memory, the PC.</summary>
    State,
    /// <summary>Carried from the layer that writes it to a later layer that clears it; clear when the loop ends.</summary>
    Scratch,
    /// <summary>Clear at the end of every layer that writes it.</summary>
    Buffer,
}

/// <summary>A named block of consecutive rows of X: <c>Offset</c> is its first row.</summary>
public sealed record RowField(string Name, int Offset, int Width, RowEncoding Encoding, RowRole Role)
{
    public int this[int i] => i >= 0 && i < Width ? Offset + i : throw new ArgumentOutOfRangeException(nameof(i), $"{Name} has {Width} rows");

    public IEnumerable<int> Rows => Enumerable.Range(Offset, Width);

    public bool Contains(int row) => row >= Offset && row < Offset + Width;

    /// <summary>
    /// The rows from <paramref name="start"/> for <paramref name="width"/> rows, as a field of its own, with this
    /// field's encoding and role unless given (a buffer slice carried to a later layer is <see cref="RowRole.Scratch"/>).
    /// </summary>
    public RowField Slice(string name, int start, int width, RowEncoding? encoding = null, RowRole? role = null) =>
        start >= 0 && start + width <= Width ? new RowField(name, Offset + start, width, encoding ?? Encoding, role ?? Role)
            : throw new ArgumentOutOfRangeException(nameof(start), $"{Name}[{start}..{start + width}) is outside its {Width} rows");

    public override string ToString() => $"{Name} [{Offset}..{Offset + Width})";
}

/// <summary>Allocates row fields top to bottom; d is the total.</summary>
public sealed class RowAllocator
{
    readonly List<RowField> fields = [];

    public int Rows { get; private set; }

    public IReadOnlyList<RowField> Fields => fields;

    public RowField Add(string name, int width, RowEncoding encoding, RowRole role)
    {
        var field = new RowField(name, Rows, width, encoding, role);
        fields.Add(field);
        Rows += width;
        return field;
    }

    /// <summary>One field over the consecutive fields from <paramref name="first"/> to <paramref name="last"/> (not a field of the layout itself).</summary>
    public RowField Span(string name, RowField first, RowField last)
    {
        int from = fields.IndexOf(first), to = fields.IndexOf(last);
        if (from < 0 || to < from) throw new ArgumentException($"{first.Name} .. {last.Name} is not a run of allocated fields");
        var parts = fields.Skip(from).Take(to - from + 1).ToList();
        var encoding = parts.Select(f => f.Encoding).Distinct().Count() == 1 ? first.Encoding : RowEncoding.Mixed;
        var role = parts.Select(f => f.Role).Distinct().Single();
        return new RowField(name, first.Offset, last.Offset + last.Width - first.Offset, encoding, role);
    }

    public RowSpace Space(RowField indicator) => new(Rows, Fields, indicator);
}

/// <summary>
/// The rows of X a set of blocks is built over: d, the named fields, and the indicator row (1 in
/// column 0 only), which stands in for column-0-only biases and which every block may read.
/// </summary>
public sealed record RowSpace(int Rows, IReadOnlyList<RowField> Fields, RowField Indicator)
{
    /// <summary>Row <paramref name="row"/> as its field and index, e.g. <c>Memory[3]</c>.</summary>
    public string NameRow(int row) => NameRow(Fields, row);

    /// <summary>Row <paramref name="row"/> of <paramref name="fields"/> as its field and index, or "row r" outside them.</summary>
    public static string NameRow(IReadOnlyList<RowField> fields, int row) =>
        fields.FirstOrDefault(f => f.Contains(row)) is { } f ? $"{f.Name}[{row - f.Offset}]" : $"row {row}";
}
