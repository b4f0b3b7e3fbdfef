namespace LoopedComputer.Engine;

/// <summary>
/// A hand-written linear map W (r×d) reduced to the rows of X it reads and, with
/// <c>compactOutputs</c>, to the rows of the result it writes: W·X = W[kept, used]·X[used]. Both
/// engines apply a projection through this (the torch one as a dense product, the native one by
/// its non-zeros): the weights are almost all zeros.
/// </summary>
sealed class SelectedRows
{
    /// <summary>The rows of X any weight reads, ascending.</summary>
    public int[] Inputs { get; }
    /// <summary>The rows of the result kept, ascending: all of W's rows, or only its non-zero ones.</summary>
    public int[] Outputs { get; }
    /// <summary>W[Outputs, Inputs].</summary>
    public double[,] Weights { get; }

    public SelectedRows(double[,] matrix, bool compactOutputs)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        Inputs = Enumerable.Range(0, columns).Where(c => Enumerable.Range(0, rows).Any(r => matrix[r, c] != 0)).ToArray();
        Outputs = compactOutputs
            ? Enumerable.Range(0, rows).Where(r => Inputs.Any(c => matrix[r, c] != 0)).ToArray()
            : Enumerable.Range(0, rows).ToArray();
        Weights = new double[Outputs.Length, Inputs.Length];
        for (int i = 0; i < Outputs.Length; i++)
            for (int j = 0; j < Inputs.Length; j++)
                Weights[i, j] = matrix[Outputs[i], Inputs[j]];
    }

    /// <summary>W·2: the linear mixer's comparator reads twice the code (docs/linear-mixer.md).</summary>
    public static double[,] Doubled(double[,] m)
    {
        var scaled = (double[,])m.Clone();
        for (int i = 0; i < scaled.GetLength(0); i++)
            for (int j = 0; j < scaled.GetLength(1); j++)
                scaled[i, j] *= 2;
        return scaled;
    }
}
