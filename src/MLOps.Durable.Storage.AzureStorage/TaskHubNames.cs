using System.Text.RegularExpressions;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// The names of a task hub's queues, tables and containers. Hub names follow Durable Functions' rule (letters
/// and digits, starting with a letter, 3 to 45 characters) so that every derived name is valid in Azure.
/// </summary>
internal sealed partial class TaskHubNames
{
    public TaskHubNames(string hub)
    {
        Validate(hub);
        Hub = hub;
        var lower = hub.ToLowerInvariant();
        WorkItemQueue = $"{lower}-workitems";
        PoisonQueue = $"{lower}-poison";
        PayloadContainer = $"{lower}-largemessages";
        LeaseContainer = $"{lower}-leases";
        HistoryTable = $"{hub}History";
        InstancesTable = $"{hub}Instances";
        TimersTable = $"{hub}Timers";
        WorkersTable = $"{hub}Workers";
        HostStateTable = $"{hub}HostState";
        ControlQueuePrefix = $"{lower}-control-";
    }

    public string Hub { get; }

    public string WorkItemQueue { get; }

    public string PoisonQueue { get; }

    public string PayloadContainer { get; }

    public string LeaseContainer { get; }

    public string HistoryTable { get; }

    public string InstancesTable { get; }

    public string TimersTable { get; }

    public string WorkersTable { get; }

    public string HostStateTable { get; }

    public string ControlQueuePrefix { get; }

    public string ControlQueue(int partition) => $"{ControlQueuePrefix}{partition:D2}";

    public static string LeaseBlob(int partition) => $"control-{partition:D2}";

    /// <exception cref="ArgumentException">The name breaks the rule; the message says what is allowed.</exception>
    public static void Validate(string? hub)
    {
        if (hub is null || !HubPattern().IsMatch(hub))
        {
            throw new ArgumentException(
                $"Task hub name '{hub}' is not valid for Azure Storage: expected 3 to 45 letters and digits, starting with a letter (e.g. 'MLOpsHub').",
                nameof(hub));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubPattern();
}
