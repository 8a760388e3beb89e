namespace MLOps.Durable.ML.Training;

/// <summary>Linear (ordinary least squares or ridge) regression on standardized features.</summary>
public sealed class LinearRegressionModel : TrainedModel
{
    /// <summary>Means subtracted from the leading numeric features.</summary>
    public required IReadOnlyList<double> Means { get; init; }

    /// <summary>Scales (1/std) applied after centring.</summary>
    public required IReadOnlyList<double> Scales { get; init; }

    /// <summary>Weights over the standardized encoded features.</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>The intercept.</summary>
    public required double Intercept { get; init; }

    /// <summary>How the fit went.</summary>
    public required TrainingSummary Summary { get; init; }

    /// <inheritdoc />
    public override void Score(FeatureMatrix features, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(features);
        var standardized = Standardizer.Apply(features, Means, Scales);
        for (var row = 0; row < features.Rows; row++)
        {
            var x = standardized.Row(row);
            var value = Intercept;
            for (var j = 0; j < x.Length; j++)
            {
                value += Weights[j] * x[j];
            }

            scores[row] = value;
        }
    }
}
