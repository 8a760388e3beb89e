using Microsoft.Extensions.Logging;

namespace MLOps.Durable.Host.Configuration;

/// <summary>What the host takes from host.json (the Azure Functions schema where it applies).</summary>
public sealed record HostSettings
{
    /// <summary>extensions.durableTask.hubName: names the task hub (and the default SQLite file).</summary>
    public string HubName { get; init; } = "MLOpsHub";

    /// <summary>extensions.durableTask.storageProvider.type: <c>sqlite</c> (default) or <c>azureStorage</c>.</summary>
    public string StorageType { get; init; } = "sqlite";

    /// <summary>
    /// extensions.durableTask.storageProvider.connectionName (or <c>connectionStringName</c>): the setting that holds
    /// the connection, a file path for SQLite or a connection string for Azure Storage. Null when not given, so
    /// that each type applies its own default setting.
    /// </summary>
    public string? StorageConnectionName { get; init; }

    /// <summary>extensions.durableTask.storageProvider.partitionCount: control queues of the Azure Storage backend (1-16); null for its default.</summary>
    public int? PartitionCount { get; init; }

    /// <summary>extensions.durableTask.maxConcurrentActivityFunctions.</summary>
    public int? MaxConcurrentActivityFunctions { get; init; }

    /// <summary>extensions.durableTask.maxConcurrentOrchestratorFunctions.</summary>
    public int? MaxConcurrentOrchestratorFunctions { get; init; }

    /// <summary>extensions.durableTask.extendedSessionsEnabled.</summary>
    public bool ExtendedSessionsEnabled { get; init; } = true;

    /// <summary>extensions.durableTask.extendedSessionIdleTimeoutInSeconds.</summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; init; } = 30;

    /// <summary>
    /// extensions.durableTask.lockTimeoutInSeconds: how long a locked orchestration or activity stays locked without
    /// renewal, so how long the work of a crashed host waits before another (or the restarted) host takes it; null
    /// for the worker's default (30 s).
    /// </summary>
    public int? LockTimeoutInSeconds { get; init; }

    /// <summary>extensions.http.routePrefix (default <c>api</c>; empty for none).</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>mlops.timers: timer triggers that start orchestrations.</summary>
    public IReadOnlyList<TimerSetting> Timers { get; init; } = [];

    /// <summary>mlops.eventSubscriptions: webhooks the local event topic forwards events to.</summary>
    public IReadOnlyList<EventSubscriptionSetting> EventSubscriptions { get; init; } = [];

    /// <summary>logging.logLevel: category to level; <c>default</c> is the fallback.</summary>
    public IReadOnlyDictionary<string, LogLevel> LogLevels { get; init; } = new Dictionary<string, LogLevel>();
}
