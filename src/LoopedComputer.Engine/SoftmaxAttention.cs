using LoopedComputer.Compiler.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// Faithful softmax attention: Σ_h V_h·X·softmax_keys(λ·(K_h X)ᵀ(Q_h X)). The softmax runs over the
/// keys of each query column and subtracts the column maximum first (PyTorch's kernel does), so a
/// large λ never overflows; it only makes the designed ½/½ ties and zeros exact sooner.
/// </summary>
public sealed class SoftmaxAttention : IMixer
{
    readonly List<(Tensor Query, Tensor Key, Tensor Value)> heads;
    readonly Scalar lambda;

    public SoftmaxAttention(IReadOnlyList<AttentionHead> heads, double lambda, NumberFormat format, Device device)
    {
        this.lambda = lambda.ToScalar();
        this.heads = heads.Select(h => (h.Query.ToTensor(format, device), h.Key.ToTensor(format, device), h.Value.ToTensor(format, device))).ToList();
    }

    public Tensor Mix(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        Tensor? sum = null;
        foreach (var (query, key, value) in heads)
        {
            var q = query.matmul(x);                                  // [batch, r, n]
            var k = key.matmul(x);                                    // [batch, r, n]
            var weights = k.transpose(1, 2).matmul(q).mul_(lambda).softmax(1); // [batch, keys, queries]
            var output = value.matmul(x).matmul(weights);             // [batch, d, n]
            sum = sum is null ? output : sum.add_(output, Scalars.One);
        }
        return sum!.MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        lambda.Dispose();
        foreach (var (query, key, value) in heads)
        {
            query.Dispose();
            key.Dispose();
            value.Dispose();
        }
    }
}
