namespace MLOps.Durable.Pipelines.Stages;

/// <summary>A trained candidate: its hyperparameters, hold-out metrics and where its model is stored.</summary>
public sealed record CandidateResult(int Index, IReadOnlyDictionary<string, string> Hyperparameters, IReadOnlyDictionary<string, double> Metrics, string ModelArtifact, string Trainer);
