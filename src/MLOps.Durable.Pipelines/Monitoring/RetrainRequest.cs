namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>A retraining run to start under a fixed id (so a retried activity does not start a second one).</summary>
public sealed record RetrainRequest(string Pipeline, string RunId, string Reason);
