using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// An instance as stored: the History table's sentinel row (authoritative, written with the history under its
/// ETag, plus the outbox and the ids of recently consumed messages) and the Instances table row (the same
/// fields, a copy that queries read). Large texts are payload references (<see cref="PayloadStore"/>).
/// </summary>
internal sealed record InstanceState
{
    public const string SentinelRowKey = "sentinel";

    /// <summary>How many consumed message ids the sentinel remembers for duplicate detection.</summary>
    public const int RememberedMessages = 200;

    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public required OrchestrationRuntimeStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? ScheduledStartTime { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public string? Failure { get; init; }

    public ParentInstance? Parent { get; init; }

    public int HistoryCount { get; init; }

    /// <summary>Sentinel only: the stored <see cref="AzureStorage.Outbox"/> of the last commit until it was sent.</summary>
    public string? Outbox { get; init; }

    /// <summary>Sentinel only: set by a commit until its outbox is sent and the Instances row copied.</summary>
    public bool Dirty { get; init; }

    /// <summary>Sentinel only: ids of the latest consumed control messages, oldest first.</summary>
    public IReadOnlyList<string> Consumed { get; init; } = [];

    /// <summary>The sentinel's ETag when read from the History table.</summary>
    public string? ETag { get; init; }

    public static InstanceState FromEntity(DynamicTableEntity entity)
    {
        var p = entity.Properties;
        return new InstanceState
        {
            InstanceId = TableKeys.Unescape(entity.PartitionKey),
            Name = p["Name"].StringValue,
            ExecutionId = p["ExecutionId"].StringValue,
            Status = (OrchestrationRuntimeStatus)p["RuntimeStatus"].Int32Value!.Value,
            CreatedAt = p["CreatedAt"].DateTimeOffsetValue!.Value,
            LastUpdatedAt = p["LastUpdatedAt"].DateTimeOffsetValue!.Value,
            CompletedAt = Get(p, "CompletedAt")?.DateTimeOffsetValue,
            ScheduledStartTime = Get(p, "ScheduledStartTime")?.DateTimeOffsetValue,
            Input = Get(p, "Input")?.StringValue,
            Output = Get(p, "Output")?.StringValue,
            CustomStatus = Get(p, "CustomStatus")?.StringValue,
            Failure = Get(p, "Failure")?.StringValue,
            Parent = Get(p, "Parent")?.StringValue is { } parent ? JsonSerializer.Deserialize<ParentInstance>(parent, HistorySerializer.Options) : null,
            HistoryCount = p["HistoryCount"].Int32Value!.Value,
            Outbox = Get(p, "Outbox")?.StringValue,
            Dirty = Get(p, "Dirty")?.BooleanValue ?? false,
            Consumed = Get(p, "Consumed")?.StringValue is { Length: > 0 } consumed ? consumed.Split(',') : [],
            ETag = entity.ETag,
        };
    }

    /// <summary>The sentinel row (with outbox and consumed ids) or the Instances row.</summary>
    public DynamicTableEntity ToEntity(bool sentinel)
    {
        var entity = new DynamicTableEntity(TableKeys.Escape(InstanceId), sentinel ? SentinelRowKey : string.Empty) { ETag = ETag ?? "*" };
        var p = entity.Properties;
        p["Name"] = new EntityProperty(Name);
        p["ExecutionId"] = new EntityProperty(ExecutionId);
        p["RuntimeStatus"] = new EntityProperty((int)Status);
        p["CreatedAt"] = new EntityProperty(CreatedAt);
        p["LastUpdatedAt"] = new EntityProperty(LastUpdatedAt);
        p["HistoryCount"] = new EntityProperty(HistoryCount);
        Set(p, "CompletedAt", CompletedAt);
        Set(p, "ScheduledStartTime", ScheduledStartTime);
        Set(p, "Input", Input);
        Set(p, "Output", Output);
        Set(p, "CustomStatus", CustomStatus);
        Set(p, "Failure", Failure);
        Set(p, "Parent", Parent is null ? null : JsonSerializer.Serialize(Parent, HistorySerializer.Options));
        if (sentinel)
        {
            Set(p, "Outbox", Outbox);
            p["Dirty"] = new EntityProperty(Dirty);
            p["Consumed"] = new EntityProperty(string.Join(',', Consumed));
        }

        return entity;
    }

    /// <summary>The consumed ids with <paramref name="ids"/> added, keeping the latest <see cref="RememberedMessages"/>.</summary>
    public IReadOnlyList<string> Remember(IEnumerable<string> ids)
    {
        var all = Consumed.Concat(ids).ToList();
        return all.Count <= RememberedMessages ? all : all.Skip(all.Count - RememberedMessages).ToList();
    }

    private static EntityProperty? Get(IDictionary<string, EntityProperty> properties, string name) =>
        properties.TryGetValue(name, out var value) ? value : null;

    private static void Set(IDictionary<string, EntityProperty> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = new EntityProperty(value);
        }
    }

    private static void Set(IDictionary<string, EntityProperty> properties, string name, DateTimeOffset? value)
    {
        if (value is not null)
        {
            properties[name] = new EntityProperty(value);
        }
    }
}
