namespace MLOps.Durable.ML.Training;

/// <summary>
/// Settings for <see cref="GradientBoostingTrainer"/>. Defaults follow scikit-learn's
/// HistGradientBoosting (31 leaves, learning rate 0.1, 20 rows per leaf, 255 bins).
/// </summary>
public sealed record GradientBoostingOptions
{
    /// <summary>Boosting rounds (trees per class).</summary>
    public int Trees { get; init; } = 100;

    /// <summary>Shrinkage applied to each tree's leaf values.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Maximum leaves per tree (grown best-first).</summary>
    public int MaxLeaves { get; init; } = 31;

    /// <summary>Maximum depth (root = 0); null for no limit besides <see cref="MaxLeaves"/>.</summary>
    public int? MaxDepth { get; init; }

    /// <summary>Minimum training rows in a leaf.</summary>
    public int MinSamplesLeaf { get; init; } = 20;

    /// <summary>L2 regularization of leaf values (λ in -G/(H+λ)).</summary>
    public double L2 { get; init; }

    /// <summary>Share of encoded features each tree may split on (sampled per tree).</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>Share of training rows each tree is grown on (sampled per round, without replacement).</summary>
    public double RowSubsample { get; init; } = 1.0;

    /// <summary>Histogram bins per feature (2-255).</summary>
    public int MaxBins { get; init; } = 255;

    /// <summary>Whether to hold out validation rows and stop when their loss stops improving.</summary>
    public EarlyStopping EarlyStopping { get; init; } = EarlyStopping.Auto;

    /// <summary>Share of rows held out for early stopping.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Rounds without improvement before stopping.</summary>
    public int EarlyStoppingRounds { get; init; } = 10;

    /// <summary>Seed for row/feature sampling and the validation split.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads for histogram building; null = all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>Categorical columns keep at most this many levels.</summary>
    public int MaxCategoryLevels { get; init; } = FeatureEncoder.DefaultMaxLevels;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        Require(Trees >= 1, nameof(Trees), Trees, "at least 1 (e.g. 100)");
        Require(LearningRate > 0 && LearningRate <= 1, nameof(LearningRate), LearningRate, "in (0, 1] (e.g. 0.1)");
        Require(MaxLeaves >= 2, nameof(MaxLeaves), MaxLeaves, "at least 2 (e.g. 31)");
        Require(MaxDepth is null or >= 1, nameof(MaxDepth), MaxDepth, "at least 1, or null for no limit");
        Require(MinSamplesLeaf >= 1, nameof(MinSamplesLeaf), MinSamplesLeaf, "at least 1 (e.g. 20)");
        Require(L2 >= 0 && !double.IsInfinity(L2), nameof(L2), L2, "zero or positive");
        Require(FeatureFraction > 0 && FeatureFraction <= 1, nameof(FeatureFraction), FeatureFraction, "in (0, 1]");
        Require(RowSubsample > 0 && RowSubsample <= 1, nameof(RowSubsample), RowSubsample, "in (0, 1]");
        Require(MaxBins is >= 2 and <= 255, nameof(MaxBins), MaxBins, "between 2 and 255");
        Require(ValidationFraction > 0 && ValidationFraction < 1, nameof(ValidationFraction), ValidationFraction, "in (0, 1) (e.g. 0.1)");
        Require(EarlyStoppingRounds >= 1, nameof(EarlyStoppingRounds), EarlyStoppingRounds, "at least 1 (e.g. 10)");
        Require(Threads is null or >= 1, nameof(Threads), Threads, "at least 1, or null for all cores");
    }

    private static void Require(bool condition, string name, object? value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {expected}; got {value}.");
        }
    }
}
