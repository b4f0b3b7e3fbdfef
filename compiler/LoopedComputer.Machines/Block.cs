namespace LoopedComputer.Machines;

/// <summary>
/// A piece of one layer built over named fields, as in tracr: the attention heads and feed-forward
/// units it adds, and its declaration: the fields it reads, the fields it leaves holding a new value
/// (<see cref="Writes"/>: set, replaced or added to) and the fields it leaves at zero
/// (<see cref="Clears"/>). A block may use a buffer inside itself (a head writes it, its own units
/// clear it): that buffer is one it clears. <see cref="LayerPlan"/> checks the declaration against
/// the weights the block adds.
/// </summary>
public sealed record Block(string Name)
{
    public IReadOnlyList<RowField> Reads { get; init; } = [];
    public IReadOnlyList<RowField> Writes { get; init; } = [];
    public IReadOnlyList<RowField> Clears { get; init; } = [];
    public IReadOnlyList<AttentionHead> Heads { get; init; } = [];

    /// <summary>Whether the block is an error correction: it snaps entries near −1, 0 or 1 back onto them and changes nothing else.</summary>
    public bool CorrectsErrors { get; init; }

    /// <summary>Adds the block's units to its layer's feed-forward step.</summary>
    public Action<FeedForwardBuilder> Units { get; init; } = _ => { };

    /// <summary>A block that zeroes <paramref name="fields"/> in every column.</summary>
    public static Block Clear(string name, params IReadOnlyList<RowField> fields) => new(name)
    {
        Clears = fields,
        Units = ff =>
        {
            foreach (var field in fields) ff.Clear(field);
        },
    };
}
