namespace MLOps.Durable.Storage;

/// <summary>An activity's outcome: the work item to delete and the result message for its orchestration.</summary>
public sealed record ActivityCompletion(ActivityWorkItem WorkItem, OrchestrationMessage Result);
