namespace MLOps.Durable.ML.Drift;

/// <summary>Outcome of one drift statistic: its value and, for hypothesis tests, the p-value.</summary>
/// <param name="Statistic">The test statistic or distance.</param>
/// <param name="PValue">The p-value for hypothesis tests; null for distances.</param>
public sealed record StatisticResult(double Statistic, double? PValue);
