namespace LoopedComputer.Machines;

/// <summary>
/// One layer as a list of blocks. <see cref="Build"/> adds the blocks' heads and units in order and
/// refuses, naming the layer, the block and the field: a block that reads or writes a row it does
/// not declare, or declares a field it does not touch; a declared clear that no unit performs (a
/// head cannot clear); a write to a constant field; two blocks writing the same row; and a buffer
/// left written at the layer's end.
/// </summary>
public sealed record LayerPlan(int Number, string Name, IReadOnlyList<Block> Blocks)
{
    string Where => $"layer {Number} ({Name})";

    public LayerWeights Build(RowSpace space)
    {
        var ff = new FeedForwardBuilder(space.Rows);
        var written = new List<(Block Block, HashSet<int> Rows)>();
        var summaries = new List<BlockSummary>();
        foreach (var block in Blocks)
        {
            var mark = ff.Mark;
            block.Units(ff);
            summaries.Add(new BlockSummary(block.Name, block.Heads.Count, block.Reads, block.Writes, block.Clears)
            {
                FirstUnit = mark.Units,
                Units = ff.Mark.Units - mark.Units,
                OutputBiases = ff.BiasesSince(mark),
                CorrectsErrors = block.CorrectsErrors,
            });
            var (unitReads, unitWrites) = ff.RowsUsedSince(mark);
            var reads = new HashSet<int>(unitReads);
            var writes = new HashSet<int>(unitWrites);
            foreach (var head in block.Heads)
            {
                reads.Add(head.HolderRow);
                reads.UnionWith(NonZeroColumns(head.Pointer).Concat(NonZeroColumns(head.Code)).Concat(NonZeroColumns(head.Value)));
                writes.UnionWith(NonZeroRows(head.Value));
            }
            var outputs = block.Writes.Concat(block.Clears).ToList();
            CheckDeclaration(space, block, outputs, reads, writes, unitWrites);
            var rows = outputs.SelectMany(f => f.Rows).ToHashSet();
            foreach (var (other, otherRows) in written)
                if (outputs.SelectMany(f => f.Rows.Select(row => (Field: f, Row: row))).FirstOrDefault(x => otherRows.Contains(x.Row)) is { Field: { } field } clash)
                    throw new InvalidOperationException(
                        $"{Where}: blocks '{other.Name}' and '{block.Name}' both write {field.Name} ({space.NameRow(clash.Row)}); blocks sharing a layer must write disjoint rows");
            written.Add((block, rows));
        }
        return new LayerWeights(Name, Blocks.SelectMany(b => b.Heads).ToList(), ff.Build())
        {
            Blocks = summaries,
        };
    }

    void CheckDeclaration(RowSpace space, Block block, IReadOnlyList<RowField> outputs, HashSet<int> reads, HashSet<int> writes, IReadOnlySet<int> unitWrites)
    {
        string who = $"{Where}: block '{block.Name}'";
        if (block.Writes.Intersect(block.Clears).FirstOrDefault() is { } both)
            throw new InvalidOperationException($"{who} declares {both.Name} both written and cleared");
        if (outputs.FirstOrDefault(f => f.Role == RowRole.Constant) is { } constant)
            throw new InvalidOperationException($"{who} writes {constant.Name}, a constant field");
        var declaredOut = outputs.SelectMany(f => f.Rows).ToHashSet();
        var declaredIn = block.Reads.SelectMany(f => f.Rows).Concat(declaredOut).Concat(space.Indicator.Rows).ToHashSet();
        if (writes.FirstOrDefault(row => !declaredOut.Contains(row), -1) is var undeclaredWrite and >= 0)
            throw new InvalidOperationException($"{who} writes {space.NameRow(undeclaredWrite)}, which it does not declare");
        if (reads.FirstOrDefault(row => !declaredIn.Contains(row), -1) is var undeclaredRead and >= 0)
            throw new InvalidOperationException($"{who} reads {space.NameRow(undeclaredRead)}, which it does not declare");
        foreach (var field in outputs)
            if (field.Rows.FirstOrDefault(row => !writes.Contains(row), -1) is var untouched and >= 0)
                throw new InvalidOperationException($"{who} declares it writes {field.Name} but leaves {space.NameRow(untouched)} alone");
        foreach (var field in block.Clears)
            if (field.Rows.FirstOrDefault(row => !unitWrites.Contains(row), -1) is var uncleared and >= 0)
                throw new InvalidOperationException($"{who} declares it clears {field.Name} but no unit of it writes {space.NameRow(uncleared)}");
        if (block.Reads.FirstOrDefault(f => !f.Rows.Any(reads.Contains)) is { } unread)
            throw new InvalidOperationException($"{who} declares it reads {unread.Name} but does not");
        if (block.Writes.FirstOrDefault(f => f.Role == RowRole.Buffer) is { } buffer)
            throw new InvalidOperationException(
                $"{who} leaves {buffer.Name} written at the layer's end; a buffer must be clear by then (clear it, or slice it as scratch carried to a later layer)");
    }

    static IEnumerable<int> NonZeroColumns(double[,] m) =>
        Enumerable.Range(0, m.GetLength(1)).Where(j => Enumerable.Range(0, m.GetLength(0)).Any(i => m[i, j] != 0));

    static IEnumerable<int> NonZeroRows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Where(i => Enumerable.Range(0, m.GetLength(1)).Any(j => m[i, j] != 0));
}

/// <summary>
/// A machine as its layers of blocks, in loop order: the one place that says which block is in
/// which layer. <see cref="Build"/> builds and checks each layer (<see cref="LayerPlan"/>) and then
/// the loop: every scratch field written in it is cleared again before the loop ends.
/// </summary>
public sealed class MachinePlan(string machine, RowSpace space)
{
    readonly List<LayerPlan> layers = [];

    /// <summary>A layer only when <paramref name="present"/> (a machine variant's extra step).</summary>
    public MachinePlan LayerIf(bool present, string name, params IReadOnlyList<Block> blocks) => present ? Layer(name, blocks) : this;

    public MachinePlan Layer(string name, params IReadOnlyList<Block> blocks)
    {
        layers.Add(new LayerPlan(layers.Count + 1, name, blocks));
        return this;
    }

    public MachineWeights Build()
    {
        var weights = layers.Select(layer => layer.Build(space)).ToList();
        var holding = new Dictionary<int, (RowField Field, LayerPlan Layer, Block Block)>();
        foreach (var layer in layers)
            foreach (var block in layer.Blocks)
            {
                foreach (var field in block.Writes.Where(f => f.Role is RowRole.Scratch or RowRole.Buffer))
                    foreach (int row in field.Rows) holding[row] = (field, layer, block);
                foreach (int row in block.Clears.SelectMany(f => f.Rows)) holding.Remove(row);
            }
        if (holding.Values.OrderBy(h => h.Layer.Number).FirstOrDefault() is { Field: not null } left)
            throw new InvalidOperationException(
                $"{machine}: scratch {left.Field.Name}, written in layer {left.Layer.Number} ({left.Layer.Name}) by block '{left.Block.Name}', is not cleared before the loop ends");
        return new MachineWeights(machine, space.Rows, weights);
    }
}
