namespace MLOps.Durable.Pipelines.Stages;

/// <summary>What the deploy stage registers and rolls out.</summary>
public sealed record DeployInput(string RunId, string Pipeline, CandidateResult Candidate, DataCheck Data, string ApprovedBy);
