using Microsoft.Extensions.Logging;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>The Azure Storage backend's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Information, "Worker {WorkerId} acquired control partition {Partition}.")]
    public static partial void LeaseAcquired(ILogger logger, int partition, string workerId);

    [LoggerMessage(6002, LogLevel.Information, "Worker {WorkerId} released control partition {Partition} to balance the load.")]
    public static partial void LeaseReleased(ILogger logger, int partition, string workerId);

    [LoggerMessage(6003, LogLevel.Warning, "Worker {WorkerId} lost the lease on control partition {Partition}; another worker took it.")]
    public static partial void LeaseLost(ILogger logger, int partition, string workerId);

    [LoggerMessage(6004, LogLevel.Warning, "Worker {WorkerId}: the partition lease cycle failed; retrying.")]
    public static partial void LeaseCycleFailed(ILogger logger, Exception exception, string workerId);

    [LoggerMessage(6010, LogLevel.Error, "Poison message {MessageId} moved from {Queue} to {PoisonQueue}: {Reason}")]
    public static partial void PoisonMessage(ILogger logger, string messageId, string queue, string poisonQueue, string reason);

    [LoggerMessage(6011, LogLevel.Debug, "Dropped {Count} duplicate message(s) for instance '{InstanceId}' (already consumed).")]
    public static partial void DuplicatesDropped(ILogger logger, int count, string instanceId);

    [LoggerMessage(6012, LogLevel.Information, "Resent the outbox of instance '{InstanceId}' left by an interrupted commit.")]
    public static partial void OutboxRecovered(ILogger logger, string instanceId);

    [LoggerMessage(6014, LogLevel.Warning, "Instance '{InstanceId}' could not be prepared for an episode; its messages are retried shortly.")]
    public static partial void PrepareFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(6013, LogLevel.Debug, "Dropped {Count} message(s) for instance '{InstanceId}', which does not exist.")]
    public static partial void MessagesForMissingInstance(ILogger logger, int count, string instanceId);
}
