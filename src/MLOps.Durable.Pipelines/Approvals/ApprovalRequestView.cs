namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>What reviewers are asked to decide on: the candidate against production, who may decide and until when.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Pipeline">Its pipeline.</param>
/// <param name="Progress">The approve stage's progress line (who it waits for, escalation).</param>
/// <param name="PrimaryMetric">The metric compared with production, when the definition says it without reading data.</param>
/// <param name="CandidateMetrics">The candidate's hold-out metrics.</param>
/// <param name="Hyperparameters">The candidate's hyperparameters.</param>
/// <param name="Trainer">The candidate's trainer.</param>
/// <param name="ProductionVersion">The production version compared against, if any.</param>
/// <param name="ProductionMetric">Production's primary metric, if known.</param>
/// <param name="Reviewers">Who may decide.</param>
/// <param name="Deadline">When the run stops waiting (UTC; escalation may extend it, see <paramref name="Progress"/>).</param>
/// <param name="Decision">The accepted decision, once there is one.</param>
/// <param name="Reviewer">The reviewer a link was issued to, when shown through a link.</param>
/// <param name="LinkExpiresAt">When that link expires.</param>
public sealed record ApprovalRequestView(
    string RunId,
    string Pipeline,
    string? Progress,
    string? PrimaryMetric,
    IReadOnlyDictionary<string, double> CandidateMetrics,
    IReadOnlyDictionary<string, string> Hyperparameters,
    string Trainer,
    int? ProductionVersion,
    double? ProductionMetric,
    IReadOnlyList<string> Reviewers,
    DateTime Deadline,
    ApprovalDecisionView? Decision,
    string? Reviewer = null,
    DateTimeOffset? LinkExpiresAt = null);
