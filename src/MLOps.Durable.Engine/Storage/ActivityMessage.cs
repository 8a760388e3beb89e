namespace MLOps.Durable.Storage;

/// <summary>A request to run activity <see cref="Name"/> for action <see cref="TaskId"/> of an execution.</summary>
public sealed record ActivityMessage(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input);
