namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// A request to register the model a pipeline run trained. The registry numbers the version and stamps the
/// time; registering the same (model, run) again returns the version already registered.
/// </summary>
/// <param name="Model">Model name: 1-64 letters, digits, '-', '_' or '.'.</param>
/// <param name="RunId">The pipeline run (orchestration instance id) that trained it; the idempotency key per model.</param>
/// <param name="Trainer">The trainer that produced it (e.g. "logistic-regression").</param>
public sealed record ModelRegistration(string Model, string RunId, string Trainer)
{
    /// <summary>Hyperparameters as given to the trainer.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Evaluation metrics (finite numbers), e.g. "auc" = 0.91.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Data, schema, code and pipeline the version came from.</summary>
    public ModelLineage Lineage { get; init; } = ModelLineage.None;

    /// <summary>References to the version's model JSON and ONNX files.</summary>
    public ModelArtifacts Artifacts { get; init; } = ModelArtifacts.None;
}
