using LoopedComputer.Machines;
using LoopedComputer.Studies;
using LoopedComputer.Studies.Measurement;

namespace LoopedComputer.Tests.Studies;

/// <summary>The noise study's edits of the weights, and its noise-free runs.</summary>
public class NoiseStudyTests
{
    [Theory]
    [InlineData("paper-subleq")]
    [InlineData("fleq")]
    public void Without_noise_a_corrected_machine_never_diverges(string machine)
    {
        var run = NoiseStudy.Measure(new StudyRun().Context, machine, NoiseStudy.Target.State, correction: true, sigmaIndex: Array.IndexOf(NoiseStudy.QuickGrid.Sigmas, 0.0), NoiseStudy.QuickGrid);
        Assert.Equal(NoiseStudy.QuickGrid.Programs, run.Divergences.Count);
        Assert.All(run.Divergences, d => Assert.Null(d));
    }

    [Theory]
    [InlineData("paper-subleq")]
    [InlineData("fleq")]
    public void Removing_the_error_correction_leaves_its_rows_as_they_come_and_snaps_nothing(string machine)
    {
        var definition = MachineCatalog.Find(machine);
        var layout = MachineCatalog.Find(machine).Layout(4, 16);
        var weights = definition.Build(layout);
        var (without, removed) = WeightEdits.WithoutErrorCorrection(weights);
        Assert.True(removed > 0);
        var random = new Random(5);
        foreach (var (layer, index) in weights.Layers.Select((l, i) => (l, i)))
            foreach (var block in layer.Blocks.Where(b => b.CorrectsErrors))
            {
                // A state of values near the levels: the corrected layer snaps them, the edited one passes them through.
                var x = new double[layout.Rows, layout.Columns];
                for (int r = 0; r < layout.Rows; r++)
                    for (int c = 0; c < layout.Columns; c++)
                        x[r, c] = random.Next(3) - 1 + 0.1 * (random.NextDouble() - 0.5);
                var snapped = ReferenceForward.Layer(layer with { Heads = [] }, x, 1);
                var passed = ReferenceForward.Layer(without.Layers[index] with { Heads = [] }, x, 1);
                foreach (int row in block.Writes.SelectMany(f => f.Rows))
                    for (int c = 0; c < layout.Columns; c++)
                    {
                        Assert.Equal(Math.Round(x[row, c]), snapped[row, c], 9);
                        Assert.Equal(x[row, c], passed[row, c], 9);
                    }
            }
        // Each snapped row costs six units (four steps of the staircase, two to clear the row).
        int snappedRows = weights.Layers.SelectMany(l => l.Blocks).Where(b => b.CorrectsErrors).Sum(b => b.Writes.Sum(f => f.Rows.Count()));
        Assert.Equal(6 * snappedRows, removed);
    }

    [Fact]
    public void Weight_noise_touches_only_the_non_zero_weights_with_the_given_scale()
    {
        var definition = MachineCatalog.Find("paper-subleq");
        var weights = definition.Build(definition.Layout(4, 16));
        var noisy = WeightEdits.WithNoise(weights, 0.01, new Random(3));
        var differences = new List<double>();
        foreach (var (a, b) in weights.Layers.Zip(noisy.Layers))
        {
            var (w, v) = (a.FeedForward.W1, b.FeedForward.W1);
            for (int i = 0; i < w.GetLength(0); i++)
                for (int j = 0; j < w.GetLength(1); j++)
                    if (w[i, j] == 0) Assert.Equal(0, v[i, j]);
                    else differences.Add(v[i, j] - w[i, j]);
        }
        double mean = differences.Average(), sd = Math.Sqrt(differences.Average(d => (d - mean) * (d - mean)));
        Assert.True(differences.Count > 500);
        Assert.InRange(sd, 0.009, 0.011);
        Assert.InRange(mean, -0.002, 0.002);
    }

    static double[] Draws(Random random) => Enumerable.Range(0, 16).Select(_ => random.NextDouble()).ToArray();

    [Fact]
    public void Every_sigma_of_a_grid_gets_its_own_noise_draw_however_small()
    {
        // 1e-8 and 2e-8 (and 0) are all below a millionth: seeding by the rounded σ·1e6 gave them one draw.
        var grid = NoiseStudy.QuickGrid with { Sigmas = [0, 1e-8, 2e-8, 4e-7] };
        var draws = Enumerable.Range(0, grid.Sigmas.Length).Select(i => Draws(NoiseStudy.NoiseSource(grid, i))).ToList();
        for (int i = 0; i < draws.Count; i++)
            for (int j = i + 1; j < draws.Count; j++)
                Assert.False(draws[i].SequenceEqual(draws[j]), $"σ = {grid.Sigmas[i]} and σ = {grid.Sigmas[j]} draw the same noise");
    }

    [Fact]
    public void A_sigmas_noise_draw_is_the_same_on_every_run_and_differs_between_grid_shapes()
    {
        var grid = NoiseStudy.FullGrid;
        for (int i = 0; i < grid.Sigmas.Length; i++)
            Assert.Equal(Draws(NoiseStudy.NoiseSource(grid, i)), Draws(NoiseStudy.NoiseSource(grid, i)));
        var quick = NoiseStudy.QuickGrid;
        Assert.False(Draws(NoiseStudy.NoiseSource(grid, 0)).SequenceEqual(Draws(NoiseStudy.NoiseSource(quick, 0))));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseStudy.NoiseSource(quick, quick.Sigmas.Length));
    }
}
