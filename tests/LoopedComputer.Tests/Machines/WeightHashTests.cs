using System.Security.Cryptography;
using LoopedComputer.Assembly;
using LoopedComputer.Machines;

namespace LoopedComputer.Tests.Machines;

/// <summary>
/// Programs without function units get exactly the weights they had before units existed: the
/// hashes below were taken from the FLEQ machine as it was built before (main at 3103bd6, whose Machines folder this branch left as it was until the hashes were taken).
/// </summary>
public class WeightHashTests
{
    static string Hash(string program)
    {
        var assembled = Assembler.AssembleFile(Path.Combine(AppContext.BaseDirectory, "programs", program)).Program!;
        var machine = MachineCatalog.Compile(assembled, MachineCatalog.Default, NumberFormat.Float64);
        using var sha = SHA256.Create();
        var bytes = new List<byte>(BitConverter.GetBytes(machine.Layout.Rows));
        void Add(double[,] m) { foreach (double v in m) bytes.AddRange(BitConverter.GetBytes(v)); }
        foreach (var layer in machine.Weights.Layers)
        {
            foreach (var head in layer.Heads) { Add(head.Query); Add(head.Value); }
            Add(layer.FeedForward.W1);
            Add(layer.FeedForward.W2);
            foreach (double v in layer.FeedForward.B1.Concat(layer.FeedForward.B2)) bytes.AddRange(BitConverter.GetBytes(v));
        }
        return Convert.ToHexString(sha.ComputeHash(bytes.ToArray()))[..16];
    }

    [Theory]
    [InlineData("bubble_sort.lasm", "742799D1C1E1E477")]
    [InlineData("multiply_fleq.lasm", "95D8E6A17183DC55")]
    [InlineData("factorial.lasm", "6E74737FEEF328A2")]
    public void Weights_of_programs_without_units_are_unchanged(string program, string expected) =>
        Assert.Equal(expected, Hash(program));
}
