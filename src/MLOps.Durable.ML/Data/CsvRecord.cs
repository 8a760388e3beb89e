namespace MLOps.Durable.ML.Data;

/// <summary>
/// One data record of a CSV file, as read by <see cref="CsvRecordReader"/>.
/// </summary>
/// <param name="RowNumber">1-based data row number (the header is not counted).</param>
/// <param name="LineNumber">1-based physical line on which the record starts.</param>
/// <param name="Values">The unquoted field texts, in header order; null where missing (empty or a missing token).</param>
public sealed record CsvRecord(long RowNumber, long LineNumber, IReadOnlyList<string?> Values)
{
    /// <summary>1-based character column at which each field starts (for error messages).</summary>
    internal IReadOnlyList<int> FieldColumns { get; init; } = [];
}
