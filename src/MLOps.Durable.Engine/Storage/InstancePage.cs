namespace MLOps.Durable.Storage;

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record InstancePage(IReadOnlyList<OrchestrationInstance> Instances, string? ContinuationToken);
