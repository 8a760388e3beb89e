namespace MLOps.Durable.ML.Drift;

/// <summary>One bar of a reference-versus-current histogram: a numeric interval or a single category.</summary>
/// <param name="Label">The category, or the interval as text (e.g. <c>[0.5, 1.25)</c>).</param>
/// <param name="Lower">Lower edge of a numeric interval; null for a category.</param>
/// <param name="Upper">Upper edge of a numeric interval (inclusive only for the last bin); null for a category.</param>
/// <param name="ReferenceCount">Reference values in the bin.</param>
/// <param name="CurrentCount">Current values in the bin.</param>
public sealed record HistogramBin(string Label, double? Lower, double? Upper, int ReferenceCount, int CurrentCount);
