namespace MLOps.Durable.ML.Training;

/// <summary>Settings for <see cref="LogisticRegressionTrainer"/>.</summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>
    /// Inverse L2 strength, as scikit-learn's <c>C</c>: the objective is the mean log loss plus
    /// ||w||² / (2·C·n). Intercepts are not penalized. Must be positive.
    /// </summary>
    public double C { get; init; } = 1.0;

    /// <summary>Solver iteration limit.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Convergence when the largest gradient component is below this.</summary>
    public double Tolerance { get; init; } = 1e-7;

    /// <summary>Categorical columns keep at most this many levels.</summary>
    public int MaxCategoryLevels { get; init; } = FeatureEncoder.DefaultMaxLevels;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(C > 0) || double.IsInfinity(C))
        {
            throw new ArgumentOutOfRangeException(nameof(C), C, "C must be a positive finite number (e.g. 1.0).");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "MaxIterations must be at least 1.");
        }

        if (!(Tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be positive (e.g. 1e-7).");
        }
    }
}
