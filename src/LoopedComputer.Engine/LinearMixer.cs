using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// The exact linear-time mixer: each addressed head as three non-causal linear attentions with a
/// one-dimensional state (D = 1) around a ReLU address comparator (broadcast–compare–reduce).
/// It computes the λ → ∞ limit of the softmax head (ReferenceForward.LinearHead is the
/// definition) in O(n) time and memory per head: no n×n tensor is formed. Every projection reads
/// only the rows of X its weights use. docs/linear-mixer.md explains the construction.
/// </summary>
public sealed class LinearMixer : IMixer
{
    sealed class Head(AttentionHead head, NumberFormat format, Device device) : IDisposable
    {
        public readonly int HolderRow = head.HolderRow;
        public readonly RowSelection Pointer = new(head.Pointer, format, device);
        // The comparator 2·(c·b) − 2(L − 1), clamped to [0, 1]: the 2 sits in the code weights.
        public readonly RowSelection Code = new(SelectedRows.Doubled(head.Code), format, device);
        public readonly Scalar MinusThreshold = (-2.0 * (head.CodeBits - 1)).ToScalar();
        // ‖2c‖²/(4L) = 1 in a coded column, 0 in one without a code.
        public readonly Scalar CodeNorm = (4.0 * head.CodeBits).ToScalar();
        public readonly RowSelection Value = new(head.Value, format, device, compactOutputs: true);

        public void Dispose()
        {
            Pointer.Dispose();
            Code.Dispose();
            MinusThreshold.Dispose();
            CodeNorm.Dispose();
            Value.Dispose();
        }
    }

    readonly List<Head> heads;

    public LinearMixer(IReadOnlyList<AttentionHead> heads, NumberFormat format, Device device) =>
        this.heads = heads.Select(h => new Head(h, format, device)).ToList();

    public void AddTo(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var mixes = new List<Tensor>();
        foreach (var head in heads)
        {
            // X is [d, B, n]: each sum over the columns of one program is a sum over the last dimension.
            var holder = x.narrow(0, head.HolderRow, 1);                                  // [1, B, n]
            // Broadcast: b = Σ_j h_j·(P x_j), one key feature per column (the holder flag).
            var pointer = head.Pointer.Apply(x).mul_(holder).sum(2, keepdim: true);       // [L, B, 1]
            // Compare: match_j = clamp(2(c_j·b) − 2(L − 1), 0, 1).
            var codes = head.Code.Apply(x);                                              // [L, B, n] (doubled)
            var match = codes.mul(pointer).sum(0, keepdim: true).add_(head.MinusThreshold, Scalars.One).clamp_(Scalars.Zero, Scalars.One); // [1, B, n]
            var coded = codes.mul(codes).sum(0, keepdim: true).div_(head.CodeNorm);      // [1, B, n]
            var found = match.sum(2, keepdim: true);                                     // [1, B, 1]
            // Reduce: the addressed column's value, the holder's value and the mean, each Σ_j φ(k_j)·v_j.
            var values = head.Value.Apply(x);                                            // [v, B, n]
            var addressed = values.mul(match).sum(2, keepdim: true);                     // [v, B, 1]
            var held = values.mul(holder).sum(2, keepdim: true);                         // [v, B, 1]
            var mean = values.mean([2], keepdim: true);                                  // [v, B, 1]
            // Each column's share: self = coded + h·(1 − found/2) − match/2; uncoded = 1 − h − coded.
            var self = coded.add(holder.mul(found.mul(Scalars.MinusHalf).add_(Scalars.One, Scalars.One)), Scalars.One).add_(match, Scalars.MinusHalf);
            var uncoded = torch.ones_like(holder).add_(holder, Scalars.MinusOne).add_(coded, Scalars.MinusOne);
            var mix = values.mul(self)
                .add_(addressed.mul(Scalars.Half).mul(holder), Scalars.One)
                .add_(held.mul(Scalars.Half).mul(match), Scalars.One)
                .add_(mean.mul(uncoded), Scalars.One);
            mixes.Add(mix);
        }
        foreach (var (head, mix) in heads.Zip(mixes))
            x.index_add_(0, head.Value.Outputs!, mix, Scalars.One);
    }

    public void Dispose()
    {
        foreach (var head in heads) head.Dispose();
    }
}
