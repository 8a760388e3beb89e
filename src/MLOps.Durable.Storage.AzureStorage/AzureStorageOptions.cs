namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Settings of <see cref="AzureStorageDurableStore"/>: which account and task hub, how many control-queue
/// partitions, how long partition leases last, and when a message counts as poison.
/// </summary>
public sealed class AzureStorageOptions
{
    /// <summary>The shortest and longest blob lease Azure Storage grants.</summary>
    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(15);

    /// <inheritdoc cref="MinLeaseDuration"/>
    public static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>A storage connection string, or <c>UseDevelopmentStorage=true</c> for Azurite. Required.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>The task hub: letters and digits, starting with a letter, 3 to 45 characters.</summary>
    public string TaskHubName { get; set; } = "MLOpsHub";

    /// <summary>Control queues (1 to 16); fixed when the hub is first created, later values must match.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a partition lease lasts without renewal (15 to 60 s); a dead worker's partitions move after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries after which a message that never completes is moved to the poison queue (1 or more).</summary>
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The clock for timestamps and durable timers; leases always run on the real clock.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Names this worker in lease blobs and the workers table; a new id per store when null.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw Invalid(nameof(ConnectionString), "<empty>", "a storage connection string or 'UseDevelopmentStorage=true'");
        }

        TaskHubNames.Validate(TaskHubName);
        if (PartitionCount is < 1 or > 16)
        {
            throw Invalid(nameof(PartitionCount), PartitionCount, "an integer from 1 to 16");
        }

        if (LeaseDuration < MinLeaseDuration || LeaseDuration > MaxLeaseDuration)
        {
            throw Invalid(nameof(LeaseDuration), LeaseDuration, "a duration from 15 to 60 seconds (the blob lease range)");
        }

        if (MaxDequeueCount < 1)
        {
            throw Invalid(nameof(MaxDequeueCount), MaxDequeueCount, "an integer >= 1");
        }
    }

    private static ArgumentException Invalid(string name, object value, string expected) =>
        new($"{nameof(AzureStorageOptions)}.{name} '{value}' is not valid: expected {expected}.", name);
}
