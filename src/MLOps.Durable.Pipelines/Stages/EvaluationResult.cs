namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The evaluate stage's verdict on the best candidate.</summary>
/// <param name="Passed">All gates met and (when asked) production beaten.</param>
/// <param name="Failures">Each gate or comparison that failed, in words.</param>
/// <param name="ProductionVersion">The production version compared against, if any.</param>
/// <param name="ProductionMetric">Its primary metric, if known.</param>
/// <param name="Report">The evaluation report artifact.</param>
public sealed record EvaluationResult(bool Passed, IReadOnlyList<string> Failures, int? ProductionVersion, double? ProductionMetric, string Report);
