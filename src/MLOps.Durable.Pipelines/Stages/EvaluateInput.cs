namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The best candidate, to check against the gates and production.</summary>
public sealed record EvaluateInput(string RunId, string Pipeline, CandidateResult Candidate, string PrimaryMetric);
