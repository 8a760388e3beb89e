namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>A check's verdict, with the stored report's name under <c>monitor-{pipeline}</c>.</summary>
/// <param name="Checked">False when there was no production version or too few predictions to test.</param>
/// <param name="Version">The production version whose inputs were checked.</param>
/// <param name="Rows">Predictions in the window.</param>
/// <param name="DatasetDrift">Whether the share of drifted columns reached the dataset threshold.</param>
/// <param name="DriftShare">Share of columns that drifted.</param>
/// <param name="DriftedColumns">The drifted columns.</param>
/// <param name="PerformanceMetric">The gate's metric, when feedback allowed measuring it.</param>
/// <param name="PerformanceValue">Its value on the window's feedback.</param>
/// <param name="PerformanceBreached">Whether the value fails the definition's performance gate.</param>
/// <param name="Report">The report artifact name, or null when nothing was checked.</param>
/// <param name="Summary">One line for people.</param>
public sealed record DriftCheckResult(
    bool Checked,
    int? Version,
    int Rows,
    bool DatasetDrift,
    double DriftShare,
    IReadOnlyList<string> DriftedColumns,
    string? PerformanceMetric,
    double? PerformanceValue,
    bool PerformanceBreached,
    string? Report,
    string Summary)
{
    /// <summary>Whether this check calls for action (notify or retrain).</summary>
    public bool NeedsAction => DatasetDrift || PerformanceBreached;
}
