using LoopedComputer.Compiler.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// Faithful softmax attention: Σ_h V_h·X·softmax_keys(λ·(K_h X)ᵀ(Q_h X)). The softmax runs over the
/// keys of each query column and subtracts the column maximum first (PyTorch's kernel does), so a
/// large λ never overflows; it only makes the designed ½/½ ties and zeros exact sooner. The heads'
/// keys equal their queries, so Q·X is computed once; projections read only the rows they use.
/// Cost per head and loop: O(n²·(r + v)) time and an n×n weight matrix.
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

    public Tensor Mix(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var sum = torch.zeros_like(x);
        foreach (var (query, value) in heads)
        {
            var q = query.Apply(x);                                                        // [batch, r, n]; K·X = Q·X
            var weights = q.transpose(1, 2).matmul(q).mul_(lambda).softmax(1);            // [batch, keys, queries]
            sum.index_add_(1, value.Outputs!, value.Apply(x).matmul(weights), Scalars.One); // [batch, v, n] into its rows
        }
        return sum.MoveToOuterDisposeScope();
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
