namespace LoopedComputer.Compiler.Machines.Blocks;

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
    public static AttentionHead Head(string name, int rows, RowField pointer, RowField position, params (RowField From, RowField To)[] copies)
    {
        if (pointer.Width != position.Width) throw new ArgumentException("pointer and position codes must have the same width");
        var query = new double[position.Width, rows];
        for (int i = 0; i < position.Width; i++)
        {
            query[i, pointer[i]] = 1;
            query[i, position[i]] = 1;
        }
        var value = new double[rows, rows];
        foreach (var (from, to) in copies)
        {
            if (from.Width != to.Width) throw new ArgumentException($"{from.Name} and {to.Name} differ in width");
            for (int i = 0; i < from.Width; i++) value[to[i], from[i]] += 1;
        }
        return new AttentionHead(name, query, (double[,])query.Clone(), value);
    }
}
