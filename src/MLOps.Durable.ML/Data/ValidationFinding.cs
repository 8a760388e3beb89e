namespace MLOps.Durable.ML.Data;

/// <summary>One problem found by <see cref="DatasetValidator"/>.</summary>
/// <param name="Code">What kind of problem.</param>
/// <param name="Severity">Error (report invalid) or warning.</param>
/// <param name="Column">The column concerned, or null for dataset-level findings (rows, duplicates).</param>
/// <param name="Count">How many values, rows or columns are affected.</param>
/// <param name="ExampleRows">Up to five 1-based data row numbers (the header is not counted; row 1 is the first data row).</param>
/// <param name="Message">A sentence naming the column, a sample value and what was expected.</param>
public sealed record ValidationFinding(
    ValidationCode Code,
    FindingSeverity Severity,
    string? Column,
    long Count,
    IReadOnlyList<int> ExampleRows,
    string Message)
{
    /// <summary>How many example rows a finding keeps.</summary>
    public const int MaxExampleRows = 5;
}
