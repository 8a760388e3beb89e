using System.Text.Json;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Rows to score with a model's serving version.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Rows">One JSON object per row, field name to value.</param>
/// <param name="Key">The routing key (e.g. a user id) that keeps a caller on one version; a random key when null or empty.</param>
public sealed record PredictionRequest(string Model, IReadOnlyList<JsonElement> Rows, string? Key = null);
