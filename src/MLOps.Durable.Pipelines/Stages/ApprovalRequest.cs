namespace MLOps.Durable.Pipelines.Stages;

/// <summary>What reviewers are asked to decide on: the candidate against production, and the deadline.</summary>
public sealed record ApprovalRequest(string RunId, string Pipeline, CandidateResult Candidate, EvaluationResult Evaluation, IReadOnlyList<string> Reviewers, DateTime Deadline);
