using LoopedComputer.Compiler.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// A hand-written linear map W (r×d) applied to X [batch, d, n] through the rows of X it reads:
/// W·X = W[:, used]·X[used]. With <c>compactOutputs</c> only W's non-zero rows are kept and
/// <see cref="Outputs"/> names the rows of the result they stand for (plus any row <c>alsoKeep</c> asks for).
/// The weights are almost all zeros; this skips the rows of X no weight reads and the rows no weight writes.
/// </summary>
sealed class RowSelection : IDisposable
{
    public Tensor Inputs { get; }
    public Tensor? Outputs { get; }
    public int[] OutputRows { get; }
    readonly Tensor weights;

    public RowSelection(double[,] matrix, NumberFormat format, Device device, bool compactOutputs = false, Func<int, bool>? alsoKeep = null)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var used = Enumerable.Range(0, columns).Where(c => Enumerable.Range(0, rows).Any(r => matrix[r, c] != 0)).ToArray();
        var kept = compactOutputs
            ? Enumerable.Range(0, rows).Where(r => used.Any(c => matrix[r, c] != 0) || (alsoKeep?.Invoke(r) ?? false)).ToArray()
            : Enumerable.Range(0, rows).ToArray();
        var compact = new double[kept.Length, used.Length];
        for (int i = 0; i < kept.Length; i++)
            for (int j = 0; j < used.Length; j++)
                compact[i, j] = matrix[kept[i], used[j]];
        weights = compact.ToTensor(format, device);
        OutputRows = kept;
        Inputs = torch.tensor(used.Select(c => (long)c).ToArray(), torch.ScalarType.Int64, device);
        if (compactOutputs) Outputs = torch.tensor(kept.Select(r => (long)r).ToArray(), torch.ScalarType.Int64, device);
    }

    /// <summary>W·X for X [batch, d, n]: [batch, r, n] (r the kept rows).</summary>
    public Tensor Apply(Tensor x) => weights.matmul(x.index_select(1, Inputs));

    public void Dispose()
    {
        weights.Dispose();
        Inputs.Dispose();
        Outputs?.Dispose();
    }
}
