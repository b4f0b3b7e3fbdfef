using LoopedComputer.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>Plain arrays ↔ tensors, in the engine's format and on its device.</summary>
/// <remarks>
/// Every intermediate tensor here has a name and a <c>using</c>: an unnamed one (a chained call's
/// receiver) can be finalized by the GC while the native call that reads it is still running, and
/// libtorch then reads a freed tensor (a crash in copy_, seen in the test host).
/// </remarks>
public static class TensorConversion
{
    public static ScalarType ScalarType(this NumberFormat format) => format switch
    {
        NumberFormat.Float32 => torch.ScalarType.Float32,
        NumberFormat.Float64 => torch.ScalarType.Float64,
        NumberFormat.Float16 => torch.ScalarType.Float16,
        _ => torch.ScalarType.BFloat16,
    };

    public static Tensor ToTensor(this double[,] matrix, NumberFormat format, Device device)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var flat = new double[rows * columns];
        Buffer.BlockCopy(matrix, 0, flat, 0, flat.Length * sizeof(double));
        using var host = torch.tensor(flat, [rows, columns], torch.ScalarType.Float64);
        return host.to(format.ScalarType(), device);
    }

    /// <summary>A mostly-zero matrix as a sparse (COO) tensor: its products cost by the non-zeros.</summary>
    public static Tensor ToSparse(this double[,] matrix, NumberFormat format, Device device)
    {
        using var dense = matrix.ToTensor(format, torch.CPU);
        using var sparse = dense.to_sparse();
        return sparse.to(device);
    }

    /// <summary>A bias vector as a [length, 1] column, broadcast over the columns of X.</summary>
    public static Tensor ToColumn(this double[] vector, NumberFormat format, Device device)
    {
        using var host = torch.tensor(vector, [vector.Length, 1], torch.ScalarType.Float64);
        return host.to(format.ScalarType(), device);
    }

    public static double[,] ToMatrix(this Tensor tensor)
    {
        using var copy = tensor.to(torch.ScalarType.Float64, torch.CPU);
        using var cpu = copy.contiguous();
        int rows = (int)cpu.shape[0], columns = (int)cpu.shape[1];
        var flat = cpu.data<double>().ToArray();
        var matrix = new double[rows, columns];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(double));
        return matrix;
    }
}
