using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// X ← X + W2·ReLU(W1·X + b1) + b2 on X [d, batch, n], in place, as one 2-D computation over all
/// batch·n columns. The hand-written weights are almost all zeros, and many hidden units read the
/// same sum of rows with different thresholds (a ladder of comparisons against one value), so the
/// step is computed as <see cref="FeedForwardPlan"/> reduces it: the distinct sums U·X as one sparse
/// product, each unit's pre-activation gathered from its sum, scaled and biased, and W2 as a sparse
/// product into only the rows it writes.
/// </summary>
sealed class FeedForwardStep : IDisposable
{
    readonly Tensor? sums, unitSum, unitScale, unitBias, w2;
    readonly Tensor? b2, written;

    public FeedForwardStep(FeedForward ff, NumberFormat format, Device device)
    {
        var plan = new FeedForwardPlan(ff);
        if (plan.WrittenRows.Length == 0) return;
        written = Indices(plan.WrittenRows, device);
        b2 = plan.Bias.ToColumn(format, device);
        if (!plan.HasUnits) return;
        var shared = plan.Sums;
        sums = shared.Sums.ToSparse(format, device);
        if (!shared.IsIdentity) unitSum = Indices(shared.SumOfUnit, device);
        unitScale = shared.Scale.ToColumn(format, device);
        unitBias = plan.UnitBias.ToColumn(format, device);
        w2 = plan.Output.ToSparse(format, device);
    }

    static Tensor Indices(IEnumerable<int> values, Device device) =>
        torch.tensor(values.Select(v => (long)v).ToArray(), torch.ScalarType.Int64, device);

    public void AddTo(Tensor x)
    {
        if (written is null) return;
        using var scope = torch.NewDisposeScope();
        var columns = x.view(x.shape[0], -1); // [d, batch·n]
        if (sums is null)
        {
            columns.index_add_(0, written, b2!.expand(b2.shape[0], columns.shape[1]), Scalars.One);
            return;
        }
        var sum = sums.mm(columns);                                          // [distinct sums, batch·n]
        var preactivation = unitSum is null ? sum : sum.index_select(0, unitSum);
        var hidden = torch.addcmul(unitBias!, preactivation, unitScale!, Scalars.One).relu_();
        var update = torch.addmm(b2!, w2!, hidden, 1, 1);                    // read before written
        columns.index_add_(0, written, update, Scalars.One);
    }

    public void Dispose()
    {
        foreach (var t in new[] { sums, unitSum, unitScale, unitBias, w2, b2, written }) t?.Dispose();
    }
}
