namespace MLOps.Durable.ML.Training;

/// <summary>Feature importance of linear models: each input column's share of the summed absolute standardized weights.</summary>
internal static class LinearImportance
{
    public static IReadOnlyDictionary<string, double> FromWeights(FeatureEncoder encoder, IReadOnlyList<IReadOnlyList<double>> weights)
    {
        var perFeature = new double[encoder.Width];
        foreach (var row in weights)
        {
            for (var j = 0; j < perFeature.Length; j++)
            {
                perFeature[j] += Math.Abs(row[j]);
            }
        }

        return ByColumn(encoder, perFeature);
    }

    /// <summary>Sums encoded-feature scores per input column and normalizes them to shares.</summary>
    public static IReadOnlyDictionary<string, double> ByColumn(FeatureEncoder encoder, ReadOnlySpan<double> perFeature)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        var offset = 0;
        double total = 0;
        foreach (var column in encoder.Columns)
        {
            double sum = 0;
            for (var j = 0; j < column.Width; j++)
            {
                sum += perFeature[offset + j];
            }

            result[column.Name] = sum;
            total += sum;
            offset += column.Width;
        }

        if (total > 0)
        {
            foreach (var name in result.Keys.ToList())
            {
                result[name] /= total;
            }
        }

        return result;
    }
}
