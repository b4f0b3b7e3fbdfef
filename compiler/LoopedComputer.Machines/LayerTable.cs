namespace LoopedComputer.Machines;

/// <summary>
/// A machine's layer table, generated from the blocks its plan declared: per layer its blocks, heads,
/// feed-forward width and the fields it reads, writes and clears. <c>looped asm --listing</c> prints
/// it, and the tables in docs/machine.md and docs/paper-subleq.md are checked against it.
/// </summary>
public static class LayerTable
{
    public static IReadOnlyList<string> Markdown(MachineWeights machine) =>
    [
        "| # | layer | blocks | heads | MLP width | reads → writes | clears |",
        "|---|---|---|---|---|---|---|",
        .. machine.Layers.Select((layer, i) =>
            $"| {i + 1} | {layer.Name} | {string.Join("; ", layer.Blocks.Select(b => b.Name))} | {layer.Heads.Count} | {layer.FeedForward.Hidden} | " +
            $"{Names(layer.Blocks.SelectMany(b => b.Reads))} → {Names(layer.Blocks.SelectMany(b => b.Writes))} | {Names(layer.Blocks.SelectMany(b => b.Clears))} |"),
    ];

    static string Names(IEnumerable<RowField> fields) =>
        fields.Select(f => f.Name).Distinct().ToList() is { Count: > 0 } names ? string.Join(", ", names) : "—";
}
