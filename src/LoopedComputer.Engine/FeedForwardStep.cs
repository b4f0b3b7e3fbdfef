using LoopedComputer.Compiler.Machines;
using TorchSharp;
using static TorchSharp.torch;

namespace LoopedComputer.Engine;

/// <summary>
/// X ← X + W2·ReLU(W1·X + b1) + b2 on X [d, batch, n], in place, computed in two parts with the same
/// sums, each a 2-D computation over all batch·n columns. Most hidden units of the clean-ups read one row and write one row (a snap of one value);
/// for those, W1·X is a gather and a scale and W2 a scatter-add: O(n) per unit instead of a dense
/// row of the product. The other units go through compact dense products over the rows they use.
/// </summary>
sealed class FeedForwardStep : IDisposable
{
    // One-in, one-out units: hidden_u = ReLU(w1_u·x[in_u] + b1_u), x[out_u] += w2_u·hidden_u.
    readonly Tensor? singleInputs, singleScale, singleBias, singleOutputs, singleOutScale;
    // Every other unit, and b2.
    readonly RowSelection? w1;
    readonly Tensor? w2, b1, b2, w2Outputs;

    public FeedForwardStep(FeedForward ff, NumberFormat format, Device device)
    {
        int d = ff.W2.GetLength(0);
        int[] Nonzeros(Func<int, double> entry, int count) => Enumerable.Range(0, count).Where(i => entry(i) != 0).ToArray();
        var inputs = Enumerable.Range(0, ff.Hidden).Select(u => Nonzeros(c => ff.W1[u, c], ff.W1.GetLength(1))).ToArray();
        var outputs = Enumerable.Range(0, ff.Hidden).Select(u => Nonzeros(r => ff.W2[r, u], d)).ToArray();
        bool IsSingle(int u) => inputs[u].Length == 1 && outputs[u].Length == 1;
        var single = Enumerable.Range(0, ff.Hidden).Where(IsSingle).ToArray();
        var general = Enumerable.Range(0, ff.Hidden).Where(u => outputs[u].Length > 0 && !IsSingle(u)).ToArray();
        if (single.Length > 0)
        {
            Tensor Column(Func<int, double> value) => single.Select(value).ToArray().ToColumn(format, device);
            singleInputs = Indices(single.Select(u => inputs[u][0]), device);
            singleScale = Column(u => ff.W1[u, inputs[u][0]]);
            singleBias = Column(u => ff.B1[u]);
            singleOutputs = Indices(single.Select(u => outputs[u][0]), device);
            singleOutScale = Column(u => ff.W2[outputs[u][0], u]);
        }
        if (general.Length > 0 || ff.B2.Any(v => v != 0))
        {
            var w1Rows = new double[general.Length, ff.W1.GetLength(1)];
            var w2Columns = new double[d, general.Length];
            for (int g = 0; g < general.Length; g++)
            {
                for (int c = 0; c < ff.W1.GetLength(1); c++) w1Rows[g, c] = ff.W1[general[g], c];
                for (int r = 0; r < d; r++) w2Columns[r, g] = ff.W2[r, general[g]];
            }
            w1 = new RowSelection(w1Rows, format, device);
            b1 = general.Select(u => ff.B1[u]).ToArray().ToColumn(format, device);
            // W2 reads every hidden unit it keeps, so only its written rows are selected.
            var written = Enumerable.Range(0, d).Where(r => ff.B2[r] != 0 || general.Any(u => ff.W2[r, u] != 0)).ToArray();
            var compact = new double[written.Length, general.Length];
            for (int i = 0; i < written.Length; i++)
                for (int g = 0; g < general.Length; g++) compact[i, g] = w2Columns[written[i], g];
            w2 = compact.ToTensor(format, device);
            w2Outputs = Indices(written, device);
            b2 = written.Select(row => ff.B2[row]).ToArray().ToColumn(format, device);
        }
    }

    static Tensor Indices(IEnumerable<int> values, Device device) =>
        torch.tensor(values.Select(v => (long)v).ToArray(), torch.ScalarType.Int64, device);

    public void AddTo(Tensor x)
    {
        using var scope = torch.NewDisposeScope();
        var columns = x.view(x.shape[0], -1); // [d, batch·n]
        // Both parts read X before either writes.
        var single = singleInputs is null ? null
            : columns.index_select(0, singleInputs).mul_(singleScale!).add_(singleBias!, Scalars.One).relu_().mul_(singleOutScale!);
        var update = w1 is null ? null
            : torch.addmm(b2!, w2!, torch.addmm(b1!, w1.Weights, w1.Read(x), 1, 1).relu_(), 1, 1);
        if (single is not null) columns.index_add_(0, singleOutputs!, single, Scalars.One);
        if (update is not null) columns.index_add_(0, w2Outputs!, update, Scalars.One);
    }

    public void Dispose()
    {
        foreach (var t in new[] { singleInputs, singleScale, singleBias, singleOutputs, singleOutScale, b1, b2, w2, w2Outputs }) t?.Dispose();
        w1?.Dispose();
    }
}
