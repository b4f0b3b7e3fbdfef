namespace LoopedComputer.Machines.Blocks;

/// <summary>
/// The paper's read/write head. Q = K = (pointer rows) + (position rows): column 0 holds a pointer p
/// and a zero position code, every other column j its code p_j and no pointer. So column 0 and
/// column p both score logn against column 0's query (and against column p's), every other pair at
/// most logn − 2: with a large λ column 0 and column p each take ½ of the attention, the designed
/// tie. V copies <c>from</c> rows into <c>to</c> rows, so column 0 receives ½·(its own value) +
/// ½·(column p's value), and column p likewise; the feed-forward step doubles the difference.
/// </summary>
public static class AddressedAttention
{
    public static AttentionHead Head(string name, int rows, int holderRow, RowField pointer, RowField code, params (RowField From, RowField To)[] copies) =>
        Head(name, rows, holderRow, AddressPointer.Of(pointer), code, copies);

    public static AttentionHead Head(string name, int rows, int holderRow, AddressPointer pointer, RowField code, params (RowField From, RowField To)[] copies)
    {
        if (pointer.Bits.Count != code.Width) throw new ArgumentException("pointer and code must have the same width");
        var pointerWeights = new double[code.Width, rows];
        var codeWeights = new double[code.Width, rows];
        for (int i = 0; i < code.Width; i++)
        {
            foreach (var (row, weight) in pointer.Bits[i]) pointerWeights[i, row] += weight;
            codeWeights[i, code[i]] = 1;
        }
        var value = new double[rows, rows];
        foreach (var (from, to) in copies)
        {
            if (from.Width != to.Width) throw new ArgumentException($"{from.Name} and {to.Name} differ in width");
            for (int i = 0; i < from.Width; i++) value[to[i], from[i]] += 1;
        }
        return new AttentionHead(name, pointerWeights, codeWeights, holderRow, value);
    }
}

/// <summary>
/// The pointer of an addressed head, bit by bit (MSB first) as weighted rows, and the field those
/// rows read. Usually a code field itself; a pointer taken from a word's low bits has constant −1
/// bits (an indicator row, weight −1) where the word is narrower than the code.
/// </summary>
public sealed record AddressPointer(RowField Field, IReadOnlyList<IReadOnlyList<(int Row, double Weight)>> Bits)
{
    public static AddressPointer Of(RowField code) =>
        new(code, code.Rows.Select(r => (IReadOnlyList<(int, double)>)[(r, 1.0)]).ToList());
}
