namespace MLOps.Durable.ML.Training;

/// <summary>
/// Per-feature centring and scaling of the leading numeric features (z = (x - mean) * scale, scale = 1/std
/// with the population std), as ONNX's Scaler operator applies it. Constant features keep scale 1.
/// </summary>
internal static class Standardizer
{
    public static (double[] Means, double[] Scales) Fit(FeatureMatrix features, int numericWidth)
    {
        var means = new double[numericWidth];
        var scales = new double[numericWidth];
        for (var j = 0; j < numericWidth; j++)
        {
            double sum = 0;
            for (var row = 0; row < features.Rows; row++)
            {
                sum += features[row, j];
            }

            var mean = features.Rows == 0 ? 0 : sum / features.Rows;
            double squares = 0;
            for (var row = 0; row < features.Rows; row++)
            {
                var d = features[row, j] - mean;
                squares += d * d;
            }

            var std = features.Rows == 0 ? 0 : Math.Sqrt(squares / features.Rows);
            means[j] = mean;
            scales[j] = std > 1e-12 ? 1 / std : 1;
        }

        return (means, scales);
    }

    /// <summary>A standardized copy of <paramref name="features"/>; one-hot features are copied as they are.</summary>
    public static FeatureMatrix Apply(FeatureMatrix features, IReadOnlyList<double> means, IReadOnlyList<double> scales)
    {
        var values = (double[])features.Values.Clone();
        for (var row = 0; row < features.Rows; row++)
        {
            var offset = row * features.Columns;
            for (var j = 0; j < means.Count; j++)
            {
                values[offset + j] = (values[offset + j] - means[j]) * scales[j];
            }
        }

        return features with { Values = values };
    }
}
