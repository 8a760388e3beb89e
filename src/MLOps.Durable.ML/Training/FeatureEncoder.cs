using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// Turns raw rows into the numeric features a model sees, with everything learnt from the training data
/// kept inside the model: mean imputation for numeric and boolean columns, one-hot encoding for categorical
/// ones. Encoded layout: numeric and boolean columns first (in column order), then every categorical
/// column's levels - the same order the ONNX export concatenates them in.
/// </summary>
public sealed class FeatureEncoder
{
    /// <summary>Categorical columns keep at most this many of their most frequent levels by default.</summary>
    public const int DefaultMaxLevels = 100;

    /// <summary>Creates an encoder from its column specifications (as stored in a model).</summary>
    public FeatureEncoder(IReadOnlyList<FeatureColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = [.. columns.Where(c => c.Kind != ColumnKind.Categorical), .. columns.Where(c => c.Kind == ColumnKind.Categorical)];
        Width = Columns.Sum(c => c.Width);
        NumericWidth = Columns.Count(c => c.Kind != ColumnKind.Categorical);
        EncodedNames = [.. Columns.SelectMany(c => c.Kind == ColumnKind.Categorical ? c.Levels.Select(l => $"{c.Name}={l}") : [c.Name])];
    }

    /// <summary>The input columns, numeric and boolean first, then categorical.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>Number of encoded features.</summary>
    public int Width { get; }

    /// <summary>Number of leading encoded features that come from numeric and boolean columns.</summary>
    public int NumericWidth { get; }

    /// <summary>A readable name per encoded feature (<c>column</c> or <c>column=level</c>).</summary>
    public IReadOnlyList<string> EncodedNames { get; }

    /// <summary>Learns imputation values and category levels from <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentException">A feature column is missing from the frame.</exception>
    public static FeatureEncoder Fit(DataFrame frame, IEnumerable<string> featureColumns, int maxLevels = DefaultMaxLevels)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(featureColumns);
        var columns = new List<FeatureColumn>();
        foreach (var name in featureColumns)
        {
            if (!frame.TryGetColumn(name, out var column))
            {
                throw new ArgumentException(
                    $"Feature column '{name}' is not in the training data. Columns: {string.Join(", ", frame.ColumnNames)}.",
                    nameof(featureColumns));
            }

            columns.Add(column switch
            {
                NumericColumn numeric => new FeatureColumn(name, ColumnKind.Numeric, MeanOrZero(numeric.Values), []),
                BooleanColumn boolean => new FeatureColumn(name, ColumnKind.Boolean, MeanOrZero(BooleanAsNumbers(boolean)), []),
                CategoricalColumn categorical => new FeatureColumn(name, ColumnKind.Categorical, 0, MostFrequentLevels(categorical, maxLevels)),
                _ => throw new ArgumentException($"Column '{name}' has an unsupported kind {column.Kind}.", nameof(featureColumns)),
            });
        }

        return new FeatureEncoder(columns);
    }

    /// <summary>Encodes every row of <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or of a kind that cannot be read as the model expects.</exception>
    public FeatureMatrix Encode(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var rows = frame.RowCount;
        var values = new double[rows * Width];
        var offset = 0;
        foreach (var spec in Columns)
        {
            if (!frame.TryGetColumn(spec.Name, out var column))
            {
                throw new ArgumentException($"The input has no column '{spec.Name}', which the model needs.", nameof(frame));
            }

            if (spec.Kind == ColumnKind.Categorical)
            {
                EncodeCategorical(spec, column, values, offset);
            }
            else
            {
                var numbers = ReadAsNumbers(spec, column);
                for (var row = 0; row < rows; row++)
                {
                    var value = numbers[row];
                    values[(row * Width) + offset] = double.IsNaN(value) ? spec.ImputeValue : value;
                }
            }

            offset += spec.Width;
        }

        return new FeatureMatrix(values, rows, Width);
    }

    private void EncodeCategorical(FeatureColumn spec, DataColumn column, double[] values, int offset)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var level = 0; level < spec.Levels.Count; level++)
        {
            index[spec.Levels[level]] = level;
        }

        for (var row = 0; row < column.Length; row++)
        {
            // Numbers and booleans in a categorical slot are matched by their text, as a CSV would give them.
            var label = column.FormatValue(row);
            if (label is not null && index.TryGetValue(label, out var level))
            {
                values[(row * Width) + offset + level] = 1;
            }
        }
    }

    private static ReadOnlySpan<double> ReadAsNumbers(FeatureColumn spec, DataColumn column) => column switch
    {
        NumericColumn numeric => numeric.Values,
        BooleanColumn boolean => BooleanAsNumbers(boolean),
        _ => throw new ArgumentException(
            $"Column '{spec.Name}' holds {column.Kind.ToString().ToLowerInvariant()} values; the model expects {spec.Kind.ToString().ToLowerInvariant()} values.",
            nameof(column)),
    };

    private static double[] BooleanAsNumbers(BooleanColumn column)
    {
        var numbers = new double[column.Length];
        for (var row = 0; row < numbers.Length; row++)
        {
            numbers[row] = column[row] switch { true => 1, false => 0, null => double.NaN };
        }

        return numbers;
    }

    private static double MeanOrZero(ReadOnlySpan<double> values)
    {
        double sum = 0;
        var count = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    private static string[] MostFrequentLevels(CategoricalColumn column, int maxLevels)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var value in column.Values)
        {
            if (value is not null)
            {
                counts[value] = counts.GetValueOrDefault(value) + 1;
            }
        }

        return
        [
            .. counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .Take(maxLevels).Select(pair => pair.Key).Order(StringComparer.Ordinal),
        ];
    }
}
