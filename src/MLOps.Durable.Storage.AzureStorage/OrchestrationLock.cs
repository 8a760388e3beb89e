namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// A work item this worker handed out: its messages and the sentinel it read, whose ETag the commit checks. While a
/// candidate is being prepared the token is empty and there is no state yet.
/// </summary>
internal sealed record OrchestrationLock(string InstanceId, string Token, int Partition, IReadOnlyList<BufferedMessage> Messages, InstanceState? State);
