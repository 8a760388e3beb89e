namespace MLOps.Durable.ML.Training;

/// <summary>
/// Binary or multinomial logistic regression on standardized features. Binary models keep one weight row
/// (the positive class's logit); multinomial models keep one row per class and use softmax.
/// </summary>
public sealed class LogisticRegressionModel : TrainedModel
{
    /// <summary>Means subtracted from the leading numeric features.</summary>
    public required IReadOnlyList<double> Means { get; init; }

    /// <summary>Scales (1/std) applied after centring.</summary>
    public required IReadOnlyList<double> Scales { get; init; }

    /// <summary>Weights per logit row over the standardized encoded features.</summary>
    public required IReadOnlyList<IReadOnlyList<double>> Weights { get; init; }

    /// <summary>Intercept per logit row.</summary>
    public required IReadOnlyList<double> Intercepts { get; init; }

    /// <summary>How the solver did.</summary>
    public required TrainingSummary Summary { get; init; }

    /// <inheritdoc />
    public override void Score(FeatureMatrix features, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(features);
        var standardized = Standardizer.Apply(features, Means, Scales);
        var classes = Classes.Count;
        Span<double> logits = stackalloc double[Weights.Count];
        for (var row = 0; row < features.Rows; row++)
        {
            var x = standardized.Row(row);
            for (var k = 0; k < Weights.Count; k++)
            {
                var weights = Weights[k];
                var z = Intercepts[k];
                for (var j = 0; j < x.Length; j++)
                {
                    z += weights[j] * x[j];
                }

                logits[k] = z;
            }

            var output = scores.Slice(row * classes, classes);
            if (Weights.Count == 1)
            {
                var p = Sigmoid(logits[0]);
                output[0] = 1 - p;
                output[1] = p;
            }
            else
            {
                Softmax(logits, output);
            }
        }
    }

    /// <summary>Log loss of raw score z for label y (0/1): log(1 + e^z) - y·z, written to avoid overflow.</summary>
    internal static double BinaryLoss(double z, int y) =>
        (z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z))) - (y * z);

    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    internal static void Softmax(ReadOnlySpan<double> logits, Span<double> output)
    {
        var max = double.NegativeInfinity;
        foreach (var z in logits)
        {
            max = Math.Max(max, z);
        }

        double sum = 0;
        for (var k = 0; k < logits.Length; k++)
        {
            output[k] = Math.Exp(logits[k] - max);
            sum += output[k];
        }

        for (var k = 0; k < logits.Length; k++)
        {
            output[k] /= sum;
        }
    }
}
