namespace MLOps.Durable.Pipelines.Serving;

/// <summary>One scored row as the prediction log keeps it: what came in, what went out, and which version answered.</summary>
/// <param name="PredictionId">The id returned to the caller, which feedback refers to.</param>
/// <param name="Model">The model name.</param>
/// <param name="Version">The version that answered.</param>
/// <param name="Alias">production or canary.</param>
/// <param name="Time">When it was scored (the server's clock).</param>
/// <param name="InputsJson">The validated row as a compact JSON object (schema columns only).</param>
/// <param name="OutputsJson">The answer as a compact JSON object (<c>label</c> + <c>probabilities</c>, or <c>value</c>).</param>
public sealed record PredictionRecord(
    Guid PredictionId,
    string Model,
    int Version,
    string Alias,
    DateTimeOffset Time,
    string InputsJson,
    string OutputsJson);
