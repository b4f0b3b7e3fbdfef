using LoopedComputer.Engine;
using LoopedComputer.Machines;
using LoopedComputer.Studies;

namespace LoopedComputer.Tests.Studies;

/// <summary>
/// `study frontier --quick` in this process: its frontier checked by a direct scan of λ with the
/// tests' own lockstep (<see cref="DirectLockstep"/>, another path than the study's), its bound and the paper's λ
/// recomputed from their formulas, and its fit against the cells it fitted.
/// </summary>
public class FrontierStudyTests
{
    static readonly Lazy<StudyRun> Quick = new(() =>
    {
        var run = new StudyRun();
        FrontierStudy.Run(run.Context);
        return run;
    });

    static bool AllAgreeInLockstep(string machine, NumberFormat format, int columns, int wordBits, double lambda)
    {
        var grid = FrontierStudy.QuickGrid;
        var definition = MachineCatalog.Find(machine);
        var layout = MachineCatalog.Find(machine).Layout(wordBits, columns);
        var compiled = new CompiledMachine(definition, layout, definition.Build(layout), lambda, format, 0, MixerKind.Softmax);
        var programs = FrontierStudy.Programs(machine, layout, grid.Programs);
        using var session = new MachineSession(programs[0], compiled, TorchSharp.torch.CPU);
        return DirectLockstep.FirstDivergence(session, programs, grid.Loops).All(d => d is null);
    }

    [Theory]
    [InlineData("paper-subleq", 16, 6)]
    [InlineData("fleq", 16, 6)]
    [InlineData("classic", 32, 8)]
    public void The_frontier_of_a_tiny_cell_matches_a_direct_scan_of_lambda(string machine, int columns, int wordBits)
    {
        var row = Quick.Value.Table("frontier.csv").Single(r => r["machine"] == machine && r["dtype"] == "float64" && r["columns"] == columns.ToString() && r["word_bits"] == wordBits.ToString());
        double exact = StudyRun.Number(row["lambda_exact"]), failing = StudyRun.Number(row["lambda_failing"]);
        Assert.Equal(0.25, exact - failing, 9);
        // Scan the study's grid from a point below: every λ under the frontier fails somewhere, every λ from it on agrees.
        for (double lambda = exact - 1; lambda <= exact + 0.5 + 1e-9; lambda += 0.25)
            Assert.True(AllAgreeInLockstep(machine, NumberFormat.Float64, columns, wordBits, lambda) == lambda >= exact - 1e-9,
                $"{machine} n = {columns} N = {wordBits}: λ = {lambda} should {(lambda >= exact ? "" : "not ")}be exact (study: exact from {exact})");
    }

    [Fact]
    public void The_bound_and_the_paper_lambda_are_the_formulas_and_the_bound_is_safe()
    {
        foreach (var row in Quick.Value.Table("frontier.csv"))
        {
            double n = StudyRun.Number(row["columns"]), bits = StudyRun.Number(row["word_bits"]);
            // The compilers' bounds written out: ½(ln n + 2N ln 2 + ln 64) (paper and classic machines) and ½ ln(32·N·n) (FLEQ); the paper's ln(n³/ε), ε = ¼.
            double bound = row["machine"] switch
            {
                "paper-subleq" or "classic" => 0.5 * (Math.Log(n) + 2 * bits * Math.Log(2) + Math.Log(64)),
                "fleq" => 0.5 * Math.Log(32 * bits * n),
                var other => throw new InvalidOperationException($"no bound written out for {other}"),
            };
            Assert.Equal(bound, StudyRun.Number(row["lambda_bound"]), tolerance: 1e-4);
            Assert.Equal(Math.Log(n * n * n / 0.25), StudyRun.Number(row["paper_lambda"]), tolerance: 1e-4);
            Assert.Equal(bound / StudyRun.Number(row["lambda_exact"]), StudyRun.Number(row["bound_over_frontier"]), tolerance: 1e-4);
            Assert.True(StudyRun.Number(row["lambda_exact"]) <= bound, $"{string.Join(",", row.Values)}: exact only above the compiler's bound");
            Assert.Equal("yes", row["linear_exact"]);
        }
    }

    [Fact]
    public void The_fit_passes_within_its_largest_residual_of_every_cell_it_fitted()
    {
        var cells = Quick.Value.Table("frontier.csv");
        foreach (var fit in Quick.Value.Table("frontier-fits.csv"))
        {
            var mine = cells.Where(c => c["machine"] == fit["machine"] && c["dtype"] == fit["dtype"]).ToList();
            Assert.Equal(mine.Count, int.Parse(fit["cells"]));
            double a = StudyRun.Number(fit["constant"]), b = StudyRun.Number(fit["per_ln_columns"]), c = StudyRun.Number(fit["per_word_bit"]);
            double worst = mine.Max(cell => Math.Abs(StudyRun.Number(cell["lambda_exact"]) - (a + b * Math.Log(StudyRun.Number(cell["columns"])) + c * StudyRun.Number(cell["word_bits"]))));
            // The CSV holds six significant digits of each number: the recomputation agrees to that.
            Assert.Equal(worst, StudyRun.Number(fit["max_abs_residual"]), tolerance: 1e-3);
            Assert.Equal(mine.Count(cell => StudyRun.Number(cell["lambda_bound"]) > 2 * StudyRun.Number(cell["lambda_exact"])), int.Parse(fit["bound_looser_than_2x_cells"]));
        }
    }
}
