namespace MLOps.Durable.Pipelines.Serving;

/// <summary>A request has more rows than <see cref="ModelServingOptions.MaxRowsPerRequest"/> allows (maps to 413).</summary>
public sealed class PredictionBatchTooLargeException(int rows, int limit)
    : ServingException($"rows: {rows} rows in one request; the limit is {limit}. Split the batch.")
{
    /// <summary>The rows sent.</summary>
    public int Rows { get; } = rows;

    /// <summary>The most rows allowed.</summary>
    public int Limit { get; } = limit;
}
