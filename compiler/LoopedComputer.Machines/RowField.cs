namespace LoopedComputer.Machines;

/// <summary>A named block of consecutive rows of X: <c>Offset</c> is its first row.</summary>
public sealed record RowField(string Name, int Offset, int Width)
{
    public int this[int i] => i >= 0 && i < Width ? Offset + i : throw new ArgumentOutOfRangeException(nameof(i), $"{Name} has {Width} rows");

    public IEnumerable<int> Rows => Enumerable.Range(Offset, Width);

    /// <summary>The rows from <paramref name="start"/> for <paramref name="width"/> rows, as a field of its own.</summary>
    public RowField Slice(string name, int start, int width) =>
        start >= 0 && start + width <= Width ? new RowField(name, Offset + start, width)
            : throw new ArgumentOutOfRangeException(nameof(start), $"{Name}[{start}..{start + width}) is outside its {Width} rows");

    public override string ToString() => $"{Name} [{Offset}..{Offset + Width})";
}

/// <summary>Allocates row fields top to bottom; d is the total.</summary>
public sealed class RowAllocator
{
    readonly List<RowField> fields = [];

    public int Rows { get; private set; }

    public IReadOnlyList<RowField> Fields => fields;

    public RowField Add(string name, int width)
    {
        var field = new RowField(name, Rows, width);
        fields.Add(field);
        Rows += width;
        return field;
    }
}
