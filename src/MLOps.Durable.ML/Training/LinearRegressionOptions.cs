namespace MLOps.Durable.ML.Training;

/// <summary>Settings for <see cref="LinearRegressionTrainer"/>.</summary>
public sealed record LinearRegressionOptions
{
    /// <summary>
    /// Ridge strength on the standardized weights: minimizes ||y - Xw - b||² + Alpha·||w||² (0 = ordinary
    /// least squares). The intercept is not penalized. Must be zero or positive.
    /// </summary>
    public double Alpha { get; init; }

    /// <summary>Categorical columns keep at most this many levels.</summary>
    public int MaxCategoryLevels { get; init; } = FeatureEncoder.DefaultMaxLevels;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Alpha >= 0) || double.IsInfinity(Alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be zero or a positive finite number (e.g. 1.0).");
        }
    }
}
