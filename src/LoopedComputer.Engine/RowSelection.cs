using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// A hand-written linear map W (r×d) applied to X [d, batch, n] through the rows of X it reads:
/// W·X = W[:, used]·X[used] (<see cref="SelectedRows"/>), one 2-D product over all batch·n columns.
/// With <c>compactOutputs</c> only W's non-zero rows are kept and <see cref="Outputs"/> names the
/// rows of the result they stand for.
/// </summary>
sealed class RowSelection : IDisposable
{
    public Tensor Inputs { get; }
    public Tensor? Outputs { get; }
    public int[] OutputRows { get; }
    public Tensor Weights { get; }
    readonly int firstInput, inputCount;
    readonly bool contiguousInputs;

    public RowSelection(double[,] matrix, NumberFormat format, Device device, bool compactOutputs = false)
    {
        var selected = new SelectedRows(matrix, compactOutputs);
        var used = selected.Inputs;
        Weights = selected.Weights.ToTensor(format, device);
        OutputRows = selected.Outputs;
        Inputs = torch.tensor(used.Select(c => (long)c).ToArray(), torch.ScalarType.Int64, device);
        if (compactOutputs) Outputs = torch.tensor(OutputRows.Select(r => (long)r).ToArray(), torch.ScalarType.Int64, device);
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
