namespace LoopedComputer.Tests.Programs;

/// <summary>
/// programs/linalg/*: the library routines against C# computations: exactly for integers and for the
/// Q16 mirror, within the fixed-point tolerance for the double mathematics; and on the transformer.
/// </summary>
public class LinearAlgebraProgramTests
{
    [Fact]
    public void Integer_routines_match_CSharp_on_random_arrays()
    {
        var program = AppRuns.Load("linalg/matrix_ops.lasm");
        var random = new Random(9);
        for (int trial = 0; trial < 20; trial++)
        {
            long[] a = Draw(random, 6), b = Draw(random, 6), x = Draw(random, 3), y = Draw(random, 3);
            var cells = AppRuns.Run(program, $"a={Q16.List(a)}", $"b={Q16.List(b)}", $"x={Q16.List(x)}", $"y={Q16.List(y)}");
            Assert.Equal(x.Zip(y, (p, q) => p + q), cells("sum"));
            Assert.Equal(x.Zip(y, (p, q) => p * q).Sum(), cells("xy")[0]);
            Assert.Equal(Enumerable.Range(0, 2).Select(i => Enumerable.Range(0, 3).Sum(j => a[i * 3 + j] * x[j])), cells("ax"));
            var ab = from i in Enumerable.Range(0, 2) from j in Enumerable.Range(0, 2) select Enumerable.Range(0, 3).Sum(k => a[i * 3 + k] * b[k * 2 + j]);
            Assert.Equal(ab, cells("ab"));
            var at = from j in Enumerable.Range(0, 3) from i in Enumerable.Range(0, 2) select a[i * 3 + j];
            Assert.Equal(at, cells("at"));
        }
    }

    static long[] Draw(Random random, int count) => Enumerable.Range(0, count).Select(_ => (long)random.Next(-20, 21)).ToArray();

    [Fact]
    public void Integer_routines_verify_in_lockstep_on_the_transformer()
    {
        // 16-bit words: cheap enough for the whole run in the default suite.
        AppRuns.VerifyOnTransformer(AppRuns.Load("linalg/matrix_ops.lasm"), prefixSteps: null);
    }

    static readonly double[] Symmetric = [2, 1, 0, 1, 3, 1, 0, 1, 4];

    [Theory]
    [InlineData(2)]
    [InlineData(30)]
    public void Power_iteration_matches_the_Q16_mirror_exactly(int iterations)
    {
        var program = AppRuns.Load("linalg/power_iteration.lasm");
        var a = Symmetric.Select(Q16.From).ToArray();
        var cells = AppRuns.Run(program, $"iters={iterations}");
        var (lambda, v) = PowerQ16(a, [Q16.One, Q16.One, Q16.One], iterations);
        Assert.Equal(lambda, cells("lambda")[0]);
        Assert.Equal(v, cells("v"));
    }

    [Fact]
    public void Power_iteration_finds_the_dominant_eigenpair_within_the_fixed_point_tolerance()
    {
        var cells = AppRuns.Run(AppRuns.Load("linalg/power_iteration.lasm"));
        // [[2,1,0],[1,3,1],[0,1,4]]: λ = 3 + √3; its eigenvector is (1, 1 + √3, 2 + √3) up to scale.
        double lambda = 3 + Math.Sqrt(3);
        double[] vector = [1 / (2 + Math.Sqrt(3)), (1 + Math.Sqrt(3)) / (2 + Math.Sqrt(3)), 1];
        Assert.InRange(Q16.ToDouble(cells("lambda")[0]), lambda - 1e-3, lambda + 1e-3);
        foreach (var (got, want) in cells("v").Zip(vector)) Assert.InRange(Q16.ToDouble(got), want - 2e-3, want + 2e-3);
    }

    /// <summary>The lib's power: w = A v (floored products), λ = the entry largest in magnitude (lowest index of ties), v = w / λ.</summary>
    static (long Lambda, long[] V) PowerQ16(long[] a, long[] v, int iterations)
    {
        int n = v.Length;
        long lambda = 0;
        for (int k = 0; k < iterations; k++)
        {
            var w = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => Q16.Mul(a[i * n + j], v[j]))).ToArray();
            lambda = w.MaxBy(Math.Abs);
            v = w.Select(x => Q16.Div(x, lambda)).ToArray();
        }
        return (lambda, v);
    }

    public static TheoryData<double[], int> Invertible => new()
    {
        { [4, 7, 2, 6], 14 },
        { [4, 1, 0, 1, 3, 1, 0, 1, 2], 12 },
        { [3, 0, 0, 1, 0, 2, 0, 0, 0, 0, 1, 0, 0, 1, 0, 2], 12 },
        { [1, 0.5, 0.5, 1], 8 },
    };

    [Theory]
    [MemberData(nameof(Invertible))]
    public void Newton_Schulz_inverse_matches_the_Q16_mirror_and_the_true_inverse(double[] matrix, int iterations)
    {
        int n = (int)Math.Sqrt(matrix.Length);
        var a = matrix.Select(Q16.From).Concat(Enumerable.Repeat(0L, 16 - matrix.Length)).ToArray();
        var x = AppRuns.Run(AppRuns.Load("linalg/inverse.lasm"), $"a={Q16.List(a)}", $"n={n}", $"iters={iterations}")("x");
        Assert.Equal(InverseQ16(a, n, iterations), x.Take(n * n));
        Assert.All(x.Skip(n * n), cell => Assert.Equal(0, cell));
        var exact = Inverse(matrix, n);
        for (int i = 0; i < n * n; i++) Assert.InRange(Q16.ToDouble(x[i]), exact[i] - 2e-3, exact[i] + 2e-3);
    }

    /// <summary>The lib's nsinv: X0 = Aᵀ·fdiv(1, A·A), then X ← X (2I − A X), every product floored.</summary>
    static long[] InverseQ16(long[] a, int n, int iterations)
    {
        long[] MatMul(long[] p, long[] q) =>
            (from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) select Enumerable.Range(0, n).Sum(k => Q16.Mul(p[i * n + k], q[k * n + j]))).ToArray();
        long alpha = Q16.Div(Q16.One, a.Take(n * n).Sum(v => Q16.Mul(v, v)));
        var x = (from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) select Q16.Mul(a[j * n + i], alpha)).ToArray();
        for (int k = 0; k < iterations; k++)
        {
            var t = MatMul(a, x).Select(v => Q16.Mul(v, -Q16.One)).ToArray();
            for (int i = 0; i < n; i++) t[i * n + i] += 2 * Q16.One;
            x = MatMul(x, t);
        }
        return x;
    }

    /// <summary>The inverse in doubles by Gauss–Jordan elimination with partial pivoting.</summary>
    static double[] Inverse(double[] matrix, int n)
    {
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) m[i, j] = matrix[i * n + j];
            m[i, n + i] = 1;
        }
        for (int col = 0; col < n; col++)
        {
            int pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (int j = 0; j < 2 * n; j++) (m[col, j], m[pivot, j]) = (m[pivot, j], m[col, j]);
            double p = m[col, col];
            for (int j = 0; j < 2 * n; j++) m[col, j] /= p;
            for (int r = 0; r < n; r++)
                if (r != col)
                {
                    double f = m[r, col];
                    for (int j = 0; j < 2 * n; j++) m[r, j] -= f * m[col, j];
                }
        }
        return (from i in Enumerable.Range(0, n) from j in Enumerable.Range(0, n) select m[i, n + j]).ToArray();
    }

    /// <summary>The inverse's whole run (1,226 loops); power iteration's 4,091 loops are checked over a prefix unless LOOPED_APPS_LOCKSTEP=1.</summary>
    [Theory]
    [InlineData("linalg/power_iteration.lasm", "iters=2", 16)]
    [InlineData("linalg/inverse.lasm", "iters=1", null)]
    public void Fixed_point_routines_verify_in_lockstep_on_the_transformer(string name, string set, int? prefixSteps)
    {
        AppRuns.VerifyOnTransformer(AppRuns.Load(name), prefixSteps, set);
    }
}
