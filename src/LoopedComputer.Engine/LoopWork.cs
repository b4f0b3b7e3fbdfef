using LoopedComputer.Machines;

namespace LoopedComputer.Engine;

/// <summary>
/// The useful work of one loop of one program: the multiply-adds the engines' plans leave to do,
/// counted from those plans (<see cref="FeedForwardPlan"/>, <see cref="SelectedRows"/>), never timed.
/// Per MLP and column: each non-zero of the distinct sums U, one scale-and-bias per kept unit, each
/// non-zero of W2's kept part. Per softmax head: the query and value projections' non-zeros per
/// column, then r·n² for the scores (r query rows) and v·n² for the weighted values (v value rows);
/// the exponentials are not multiply-adds and are left out. Per linear head: the pointer, code and
/// value projections' non-zeros per column, then per column L for the broadcast, 2L for the
/// comparator and its norm (L code bits), 3v for the reductions and 4v for each column's share.
/// </summary>
public sealed record LoopWork(long FeedForwardMacs, long MixerMacs)
{
    public long Macs => FeedForwardMacs + MixerMacs;

    public static LoopWork Of(CompiledMachine machine)
    {
        long n = machine.Layout.Columns, feedForward = 0, mixer = 0;
        foreach (var layer in machine.Weights.Layers)
        {
            feedForward += n * FeedForwardPerColumn(layer.FeedForward);
            foreach (var head in layer.Heads)
                mixer += machine.Mixer == MixerKind.Softmax ? SoftmaxHead(head, n) : LinearHead(head, n);
        }
        return new LoopWork(feedForward, mixer);
    }

    internal static long FeedForwardPerColumn(FeedForward ff)
    {
        var plan = new FeedForwardPlan(ff);
        return NonZeros(plan.Sums.Sums) + plan.Sums.Units.Length + NonZeros(plan.Output);
    }

    internal static long SoftmaxHead(AttentionHead head, long n)
    {
        var query = new SelectedRows(head.Query, compactOutputs: true);
        var value = new SelectedRows(head.Value, compactOutputs: true);
        return n * (NonZeros(query.Weights) + NonZeros(value.Weights)) + n * n * (query.Outputs.Length + value.Outputs.Length);
    }

    internal static long LinearHead(AttentionHead head, long n)
    {
        long bits = head.CodeBits, values = new SelectedRows(head.Value, compactOutputs: true).Outputs.Length;
        return n * (NonZeros(head.Pointer) + NonZeros(head.Code) + NonZeros(head.Value)) + n * (3 * bits + 7 * values);
    }

    static long NonZeros(double[,] matrix)
    {
        long count = 0;
        foreach (double v in matrix)
            if (v != 0) count++;
        return count;
    }
}
