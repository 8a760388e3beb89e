using Microsoft.Extensions.Logging;
using MLOps.Durable.Storage;

namespace MLOps.Durable;

/// <summary>The engine's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Durable worker started: {Orchestrations} orchestration and {Activities} activity slots, extended sessions {Sessions}.")]
    public static partial void WorkerStarted(ILogger logger, int orchestrations, int activities, bool sessions);

    [LoggerMessage(1002, LogLevel.Information, "Durable worker stopped; the work in flight was finished or released.")]
    public static partial void WorkerStopped(ILogger logger);

    [LoggerMessage(1010, LogLevel.Warning, "Orchestration '{InstanceId}': dropped {EventType} for task #{TaskId}: no open task has that id (unknown or duplicate).")]
    public static partial void DroppedEvent(ILogger logger, string instanceId, string eventType, int taskId);

    [LoggerMessage(1011, LogLevel.Debug, "Orchestration '{InstanceId}': dropped {Count} messages for execution {ExecutionId}, which is no longer current.")]
    public static partial void DroppedStaleMessages(ILogger logger, string instanceId, int count, string? executionId);

    [LoggerMessage(1012, LogLevel.Debug, "Orchestration '{InstanceId}' is {Status}; {Count} messages consumed without running it.")]
    public static partial void MessagesToFinishedInstance(ILogger logger, string instanceId, OrchestrationRuntimeStatus status, int count);

    [LoggerMessage(1013, LogLevel.Warning, "Orchestration '{InstanceId}': the lock was lost before the commit; the episode is discarded and will be redone.")]
    public static partial void OrchestrationLockLost(ILogger logger, string instanceId);

    [LoggerMessage(1014, LogLevel.Information, "Orchestration '{InstanceId}' ({Name}) {Status}.")]
    public static partial void OrchestrationFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(1015, LogLevel.Error, "Orchestration '{InstanceId}' failed: {Failure}")]
    public static partial void OrchestrationFailed(ILogger logger, string instanceId, string failure);

    [LoggerMessage(1020, LogLevel.Error, "The {Dispatcher} dispatcher could not reach the store; retrying in {Delay}.")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string dispatcher, TimeSpan delay);

    [LoggerMessage(1022, LogLevel.Warning, "The {Dispatcher} dispatcher still cannot reach the store (attempt {Attempt}): {Message}; retrying in {Delay}.")]
    public static partial void StoreStillUnavailable(ILogger logger, string dispatcher, int attempt, string message, TimeSpan delay);

    [LoggerMessage(1023, LogLevel.Information, "The {Dispatcher} dispatcher reached the store again after {Failures} failed attempts.")]
    public static partial void StoreReachable(ILogger logger, string dispatcher, int failures);

    [LoggerMessage(1021, LogLevel.Error, "Orchestration '{InstanceId}': the episode could not be processed; the work item is abandoned.")]
    public static partial void EpisodeError(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(1024, LogLevel.Warning, "Orchestration '{InstanceId}': the work item could not be abandoned ({Message}); its lock expires instead.")]
    public static partial void AbandonFailed(ILogger logger, string instanceId, string message);

    [LoggerMessage(1030, LogLevel.Warning, "Activity '{Name}' (#{TaskId} of '{InstanceId}') was interrupted by shutdown and will be delivered again.")]
    public static partial void ActivityAbandoned(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(1031, LogLevel.Warning, "Activity '{Name}' (#{TaskId} of '{InstanceId}') failed: {Message}")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, string message);

    [LoggerMessage(1032, LogLevel.Warning, "Activity '{Name}' (#{TaskId} of '{InstanceId}') lost its lock; another worker may run it again.")]
    public static partial void ActivityLockLost(ILogger logger, string name, int taskId, string instanceId);

    [LoggerMessage(1034, LogLevel.Warning, "Activity '{Name}' (#{TaskId} of '{InstanceId}'): its lock could not be renewed ({Message}); still running.")]
    public static partial void ActivityLockRenewalFailed(ILogger logger, string name, int taskId, string instanceId, string message);

    [LoggerMessage(1035, LogLevel.Error, "{Count} activity results could not be committed in {Attempts} attempts while their locks lasted; the activities will run again.")]
    public static partial void ActivityResultsLost(ILogger logger, Exception exception, int count, int attempts);

    [LoggerMessage(1036, LogLevel.Warning, "Activity '{Name}' (#{TaskId} of '{InstanceId}') could not reach its store ({Message}); not recorded as failed, it runs again when its lock expires in {LockDuration}.")]
    public static partial void ActivityStoreUnavailable(ILogger logger, string name, int taskId, string instanceId, string message, TimeSpan lockDuration);

    [LoggerMessage(1033, LogLevel.Information, "Orchestration '{InstanceId}' rewound: replaying without its failures.")]
    public static partial void OrchestrationRewound(ILogger logger, string instanceId);
}
