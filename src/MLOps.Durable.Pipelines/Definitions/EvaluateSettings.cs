namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>evaluate</c> section.</summary>
/// <param name="Metrics">Metrics to report; the first is the primary one (sweep winner, production comparison).</param>
/// <param name="Gates">Conditions the candidate must meet, e.g. <c>rocAuc >= 0.97</c>.</param>
/// <param name="BeatProductionBy">Margin by which the primary metric must beat the production version (in the better direction), or null.</param>
public sealed record EvaluateSettings(IReadOnlyList<string> Metrics, IReadOnlyList<MetricGate> Gates, double? BeatProductionBy)
{
    /// <summary>The metric that picks the sweep winner and is compared with production.</summary>
    public string PrimaryMetric => Metrics[0];
}
