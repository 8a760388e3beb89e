namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The answers for a request, with the version and alias that gave them (all rows of one request go to one version).</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Alias">production or canary.</param>
/// <param name="Key">The routing key used (the caller's, or the random one chosen); send it again to stay on this version.</param>
/// <param name="Predictions">One answer per row, in row order.</param>
public sealed record PredictionResponse(string Model, int Version, string Alias, string Key, IReadOnlyList<RowPrediction> Predictions);
