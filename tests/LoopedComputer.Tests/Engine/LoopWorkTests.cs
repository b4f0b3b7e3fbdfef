using LoopedComputer.Engine;
using LoopedComputer.Machines;

namespace LoopedComputer.Tests.Engine;

public class LoopWorkTests
{
    [Fact]
    public void A_feed_forward_step_counts_its_distinct_sums_its_kept_units_and_its_kept_outputs()
    {
        // Unit 0 reads rows 0 and 1; unit 1 reads twice that (it shares unit 0's sum); unit 2 reads
        // row 2; unit 3 reads nothing (a constant); unit 4 reads row 3 but writes nothing (dropped).
        var w1 = new double[,] { { 1, 1, 0, 0, 0 }, { 2, 2, 0, 0, 0 }, { 0, 0, 1, 0, 0 }, { 0, 0, 0, 0, 0 }, { 0, 0, 0, 1, 0 } };
        var w2 = new double[5, 5];
        w2[3, 0] = 1; w2[3, 1] = 1; w2[3, 3] = 1; w2[4, 1] = -1; w2[4, 2] = 1;
        var ff = new FeedForward(w1, [0, -1, 0, 2, 0], w2, new double[5]);
        // Sums: 2 + 1 non-zeros; units 0, 1, 2 scale and bias; W2 over the kept units: 2 + 2 non-zeros.
        Assert.Equal(3 + 3 + 4, LoopWork.FeedForwardPerColumn(ff));
    }

    static AttentionHead Head()
    {
        var pointer = new double[,] { { 1, 0, 0, 0 }, { 0, 1, 0, 0 } };
        var code = new double[,] { { 0, 0, 1, 0 }, { 0, 0, 0, 1 } };
        var value = new double[4, 4];
        value[3, 0] = 1;
        value[3, 1] = -1;
        return new AttentionHead("test", pointer, code, 0, value);
    }

    [Fact]
    public void A_softmax_head_counts_its_projections_per_column_and_its_two_n_by_n_products()
    {
        // n = 5: query 4 and value 2 non-zeros per column, then 2 query rows and 1 value row times n².
        Assert.Equal(5 * (4 + 2) + 25 * (2 + 1), LoopWork.SoftmaxHead(Head(), 5));
    }

    [Fact]
    public void A_linear_head_counts_its_projections_and_its_per_column_reductions()
    {
        // n = 5: pointer 2, code 2 and value 2 non-zeros per column; L = 2 code bits, 1 value row:
        // broadcast 2, comparator and norm 4, reductions 3, share 4 per column.
        Assert.Equal(5 * (2 + 2 + 2) + 5 * (2 + 4 + 3 + 4), LoopWork.LinearHead(Head(), 5));
    }
}
