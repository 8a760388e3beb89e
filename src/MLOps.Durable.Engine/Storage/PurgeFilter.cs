namespace MLOps.Durable.Storage;

/// <summary>Which terminal instances to purge; only Completed, Failed and Terminated ones are ever purged.</summary>
public sealed record PurgeFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);
