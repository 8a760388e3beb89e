namespace MLOps.Durable.ML.Drift;

/// <summary>Outcome of a two-sample Kolmogorov-Smirnov test.</summary>
/// <param name="Statistic">Largest distance between the two empirical CDFs (in exact mode rounded to a multiple of 1/lcm(n1, n2), as SciPy reports it).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Exact">Whether the exact lattice-path distribution was used (otherwise the Kolmogorov distribution for the effective sample size).</param>
public sealed record KolmogorovSmirnovResult(double Statistic, double PValue, bool Exact);
