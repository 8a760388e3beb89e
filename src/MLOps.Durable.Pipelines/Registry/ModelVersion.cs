namespace MLOps.Durable.Pipelines.Registry;

/// <summary>One registered version of a model: its number, the run that trained it and everything recorded with it. Immutable once registered.</summary>
/// <param name="Model">The model name.</param>
/// <param name="Version">1, 2, ... in registration order per model.</param>
/// <param name="RunId">The pipeline run that trained it (unique per model).</param>
/// <param name="Trainer">The trainer that produced it.</param>
/// <param name="CreatedAt">When it was registered (the registry's clock).</param>
public sealed record ModelVersion(string Model, int Version, string RunId, string Trainer, DateTimeOffset CreatedAt)
{
    /// <summary>Hyperparameters as given to the trainer.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Evaluation metrics.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Data, schema, code and pipeline the version came from.</summary>
    public ModelLineage Lineage { get; init; } = ModelLineage.None;

    /// <summary>References to the version's model JSON and ONNX files.</summary>
    public ModelArtifacts Artifacts { get; init; } = ModelArtifacts.None;
}
