namespace LoopedComputer.Studies.Statistics;

/// <summary>A linear model y ≈ Σ βᵢ·xᵢ fitted by least squares: its coefficients and its largest residual.</summary>
public sealed record LinearModel(double[] Coefficients, double MaxAbsResidual)
{
    public double Predict(IReadOnlyList<double> features) => Coefficients.Zip(features).Sum(p => p.First * p.Second);
}

public static class LeastSquares
{
    /// <summary>
    /// Fits y ≈ X·β through the normal equations (XᵀX)β = Xᵀy, solved by Gaussian elimination with
    /// partial pivoting; each row of <paramref name="features"/> is one observation (put a 1 in it for
    /// a constant). Throws when the features do not determine β (fewer independent rows than features).
    /// </summary>
    public static LinearModel Fit(IReadOnlyList<double[]> features, IReadOnlyList<double> values)
    {
        if (features.Count == 0 || features.Count != values.Count) throw new ArgumentException("a fit needs one value per observation, and at least one");
        int k = features[0].Length;
        var a = new double[k, k + 1];
        for (int r = 0; r < features.Count; r++)
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++) a[i, j] += features[r][i] * features[r][j];
                a[i, k] += features[r][i] * values[r];
            }
        for (int col = 0; col < k; col++)
        {
            int pivot = Enumerable.Range(col, k - col).MaxBy(r => Math.Abs(a[r, col]));
            if (Math.Abs(a[pivot, col]) < 1e-12) throw new ArgumentException("the observations do not determine every coefficient (too few distinct points)");
            for (int j = 0; j <= k; j++) (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            for (int r = 0; r < k; r++)
            {
                if (r == col) continue;
                double factor = a[r, col] / a[col, col];
                for (int j = col; j <= k; j++) a[r, j] -= factor * a[col, j];
            }
        }
        var beta = Enumerable.Range(0, k).Select(i => a[i, k] / a[i, i]).ToArray();
        var model = new LinearModel(beta, 0);
        return model with { MaxAbsResidual = features.Zip(values).Max(p => Math.Abs(p.Second - model.Predict(p.First))) };
    }
}
