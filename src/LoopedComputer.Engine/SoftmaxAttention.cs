using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// Faithful softmax attention: Σ_h V_h·X·softmax_keys(λ·(K_h X)ᵀ(Q_h X)), for each batch row apart.
/// The softmax runs over the keys of each query column and subtracts the column maximum first
/// (PyTorch's kernel does), so a large λ never overflows; it only makes the designed ½/½ ties and
/// zeros exact sooner. The heads' keys equal their queries, so Q·X is computed once; projections
/// read only the rows they use. Cost per head and loop: O(n²·(r + v)) time and an n×n weight matrix.
/// </summary>
public sealed class SoftmaxAttention : IMixer
{
    readonly List<(RowSelection Query, RowSelection Value)> heads;
    readonly Scalar lambda;

    public SoftmaxAttention(IReadOnlyList<AttentionHead> heads, double lambda, NumberFormat format, Device device)
    {
        this.lambda = lambda.ToScalar();
        this.heads = heads.Select(h => (new RowSelection(h.Query, format, device), new RowSelection(h.Value, format, device, compactOutputs: true))).ToList();
    }

    public void AddTo(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var mixes = heads.Select(head =>
        {
            using var q = head.Query.Apply(x).permute(1, 0, 2);                      // [batch, r, n]; K·X = Q·X
            using var scores = q.transpose(1, 2).bmm(q).mul_(lambda);               // [batch, keys, queries]
            using var weights = scores.softmax(1);                                   // one head's n×n at a time
            return head.Value.Apply(x).permute(1, 0, 2).bmm(weights).permute(1, 0, 2); // [v, batch, n]
        }).ToList();
        foreach (var (head, mix) in heads.Zip(mixes))
            x.index_add_(0, head.Value.Outputs!, mix, Scalars.One);
    }

    public void Dispose()
    {
        lambda.Dispose();
        foreach (var (query, value) in heads)
        {
            query.Dispose();
            value.Dispose();
        }
    }
}
