using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// A hand-written linear map W (r×d) applied to X [d, batch, n] through the rows of X it reads:
/// W·X = W[:, used]·X[used], one 2-D product over all batch·n columns. With <c>compactOutputs</c>
/// only W's non-zero rows are kept and <see cref="Outputs"/> names the rows of the result they
/// stand for (plus any row <c>alsoKeep</c> asks for). The weights are almost all zeros; this skips
/// the rows of X no weight reads and the rows no weight writes.
/// </summary>
sealed class RowSelection : IDisposable
{
    public Tensor Inputs { get; }
    public Tensor? Outputs { get; }
    public int[] OutputRows { get; }
    public Tensor Weights { get; }
    readonly int firstInput, inputCount;
    readonly bool contiguousInputs;

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
        Weights = compact.ToTensor(format, device);
        OutputRows = kept;
        Inputs = torch.tensor(used.Select(c => (long)c).ToArray(), torch.ScalarType.Int64, device);
        if (compactOutputs) Outputs = torch.tensor(kept.Select(r => (long)r).ToArray(), torch.ScalarType.Int64, device);
        // A run of consecutive rows is read as a view instead of a gather.
        firstInput = used.Length > 0 ? used[0] : 0;
        inputCount = used.Length;
        contiguousInputs = used.Select((c, i) => c - i).Distinct().Count() <= 1;
    }

    /// <summary>The rows of X [d, batch, n] the weights read, as [used, batch·n].</summary>
    public Tensor Read(Tensor x)
    {
        using var rows = contiguousInputs ? x.narrow(0, firstInput, inputCount) : x.index_select(0, Inputs);
        return rows.reshape(inputCount, x.shape[1] * x.shape[2]);
    }

    /// <summary>W·X for X [d, batch, n]: [r, batch, n] (r the kept rows).</summary>
    public Tensor Apply(Tensor x)
    {
        using var read = Read(x);
        using var product = Weights.mm(read);
        return product.view(product.shape[0], x.shape[1], x.shape[2]);
    }

    public void Dispose()
    {
        Weights.Dispose();
        Inputs.Dispose();
        Outputs?.Dispose();
    }
}
