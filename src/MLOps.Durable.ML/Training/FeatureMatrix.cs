namespace MLOps.Durable.ML.Training;

/// <summary>A dense row-major matrix of encoded features.</summary>
/// <param name="Values">Row-major values, <see cref="Rows"/> x <see cref="Columns"/>.</param>
/// <param name="Rows">Number of rows.</param>
/// <param name="Columns">Number of features per row.</param>
public sealed record FeatureMatrix(double[] Values, int Rows, int Columns)
{
    /// <summary>The features of one row.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>One feature value.</summary>
    public double this[int row, int column] => Values[(row * Columns) + column];
}
