namespace MLOps.Durable.Pipelines.Stages;

/// <summary>One sweep combination to train.</summary>
public sealed record CandidateInput(string RunId, string Pipeline, int Index, IReadOnlyDictionary<string, string> Hyperparameters);
