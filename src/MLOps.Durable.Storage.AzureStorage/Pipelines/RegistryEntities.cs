using System.Globalization;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// How registry values become table rows: times as UTC ticks (Int64, exact to the tick), parameters and metrics
/// as JSON objects with sorted keys, audit actions by their camelCase names, absent values as absent properties.
/// The rows are listed in README.md in this folder.
/// </summary>
internal static class RegistryEntities
{
    /// <summary>A string property holds at most 64 KiB, i.e. this many UTF-16 characters.</summary>
    public const int MaxStringProperty = 32 * 1024;

    private const string LastSequence = nameof(LastSequence);
    private const string ChangeId = nameof(ChangeId);
    private const string Model = nameof(Model);
    private const string LatestVersion = nameof(LatestVersion);
    private const string Version = nameof(Version);
    private const string RunId = nameof(RunId);
    private const string Trainer = nameof(Trainer);
    private const string Parameters = nameof(Parameters);
    private const string Metrics = nameof(Metrics);
    private const string DatasetHash = nameof(DatasetHash);
    private const string SchemaVersion = nameof(SchemaVersion);
    private const string SchemaHash = nameof(SchemaHash);
    private const string CodeVersion = nameof(CodeVersion);
    private const string PipelineName = nameof(PipelineName);
    private const string ModelJson = nameof(ModelJson);
    private const string Onnx = nameof(Onnx);
    private const string CreatedAt = nameof(CreatedAt);
    private const string Sequence = nameof(Sequence);
    private const string Time = nameof(Time);
    private const string Actor = nameof(Actor);
    private const string Action = nameof(Action);
    private const string Alias = nameof(Alias);
    private const string PreviousVersion = nameof(PreviousVersion);
    private const string TrafficPercent = nameof(TrafficPercent);
    private const string Reason = nameof(Reason);
    private const string Details = nameof(Details);

    /// <summary>The property the audit rows of a model are filtered on for rollback.</summary>
    public const string AliasProperty = Alias;

    // ----- head -----

    public static TableOperation SaveHead(RegistryHead head, string changeId)
    {
        var entity = new DynamicTableEntity(RegistryRowKeys.Partition, RegistryRowKeys.Head)
        {
            Properties = { [LastSequence] = new EntityProperty(head.NextSequence), [ChangeId] = new EntityProperty(changeId) },
        };
        return Save(entity, head.ETag);
    }

    public static RegistryHead ReadHead(DynamicTableEntity entity) => new(entity.Properties[LastSequence].Int64Value ?? 0, entity.ETag);

    // ----- model rows -----

    public static TableOperation SaveModel(ModelRow row)
    {
        var entity = new DynamicTableEntity(RegistryRowKeys.Partition, RegistryRowKeys.Model(row.Model))
        {
            Properties = { [Model] = new EntityProperty(row.Model), [LatestVersion] = new EntityProperty(row.LatestVersion) },
        };
        foreach (var alias in row.Aliases.Values)
        {
            var prefix = AliasPrefix(alias.Alias);
            entity.Properties[prefix + Version] = new EntityProperty(alias.Version);
            entity.Properties[prefix + "SetAt"] = new EntityProperty(alias.SetAt.UtcTicks);
            entity.Properties[prefix + "SetBy"] = new EntityProperty(alias.SetBy);
            if (alias.TrafficPercent is { } percent)
            {
                entity.Properties[prefix + TrafficPercent] = new EntityProperty(percent);
            }
        }

        return Save(entity, row.ETag);
    }

    public static ModelRow ReadModel(DynamicTableEntity entity)
    {
        var aliases = new Dictionary<string, ModelAlias>(StringComparer.Ordinal);
        foreach (var alias in ModelAliases.All)
        {
            var prefix = AliasPrefix(alias);
            if (Int(entity, prefix + Version) is { } version)
            {
                aliases.Add(alias, new ModelAlias(alias, version, Int(entity, prefix + TrafficPercent), Ticks(entity, prefix + "SetAt"), Text(entity, prefix + "SetBy")));
            }
        }

        return new ModelRow(RegistryRowKeys.ModelOf(entity.RowKey), Int(entity, LatestVersion) ?? 0, aliases, entity.ETag);
    }

    // ----- versions and their run index -----

    /// <summary>
    /// Refuses, before anything is read or written, a registration with a value too long for a table property
    /// (64 KiB); SQLite has no such limit, but a real registration is far below it.
    /// </summary>
    /// <exception cref="InvalidRegistryRequestException">A value is too long; the message names the field.</exception>
    public static void CheckSizes(ModelRegistration registration)
    {
        Limited("parameters", ParametersJson(registration.Parameters));
        Limited("metrics", MetricsJson(registration.Metrics));
        foreach (var (field, value) in new[]
        {
            ("lineage.datasetHash", registration.Lineage.DatasetHash),
            ("lineage.schemaHash", registration.Lineage.SchemaHash),
            ("lineage.codeVersion", registration.Lineage.CodeVersion),
            ("lineage.pipelineName", registration.Lineage.PipelineName),
            ("artifacts.modelJson", registration.Artifacts.ModelJson),
            ("artifacts.onnx", registration.Artifacts.Onnx),
        })
        {
            if (value is not null)
            {
                Limited(field, value);
            }
        }
    }

    /// <summary>The version row (its values checked by <see cref="CheckSizes"/>).</summary>
    public static DynamicTableEntity VersionEntity(ModelVersion version)
    {
        var entity = new DynamicTableEntity(RegistryRowKeys.Partition, RegistryRowKeys.Version(version.Model, version.Version))
        {
            Properties =
            {
                [Model] = new EntityProperty(version.Model),
                [Version] = new EntityProperty(version.Version),
                [RunId] = new EntityProperty(version.RunId),
                [Trainer] = new EntityProperty(version.Trainer),
                [Parameters] = new EntityProperty(ParametersJson(version.Parameters)),
                [Metrics] = new EntityProperty(MetricsJson(version.Metrics)),
                [CreatedAt] = new EntityProperty(version.CreatedAt.UtcTicks),
            },
        };
        Optional(entity, DatasetHash, version.Lineage.DatasetHash);
        if (version.Lineage.SchemaVersion is { } schemaVersion)
        {
            entity.Properties[SchemaVersion] = new EntityProperty(schemaVersion);
        }

        Optional(entity, SchemaHash, version.Lineage.SchemaHash);
        Optional(entity, CodeVersion, version.Lineage.CodeVersion);
        Optional(entity, PipelineName, version.Lineage.PipelineName);
        Optional(entity, ModelJson, version.Artifacts.ModelJson);
        Optional(entity, Onnx, version.Artifacts.Onnx);
        return entity;
    }

    public static ModelVersion ReadVersion(DynamicTableEntity entity) =>
        new(Text(entity, Model), Int(entity, Version) ?? 0, Text(entity, RunId), Text(entity, Trainer), Ticks(entity, CreatedAt))
        {
            Parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(Text(entity, Parameters)) ?? [],
            Metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(Text(entity, Metrics)) ?? [],
            Lineage = new ModelLineage(
                OptionalText(entity, DatasetHash), Int(entity, SchemaVersion), OptionalText(entity, SchemaHash), OptionalText(entity, CodeVersion), OptionalText(entity, PipelineName)),
            Artifacts = new ModelArtifacts(OptionalText(entity, ModelJson), OptionalText(entity, Onnx)),
        };

    public static DynamicTableEntity RunEntity(ModelVersion version) =>
        new(RegistryRowKeys.Partition, RegistryRowKeys.Run(version.Model, version.RunId))
        {
            Properties =
            {
                [Model] = new EntityProperty(version.Model),
                [RunId] = new EntityProperty(version.RunId),
                [Version] = new EntityProperty(version.Version),
            },
        };

    public static int ReadRunVersion(DynamicTableEntity entity) => Int(entity, Version) ?? 0;

    // ----- audit -----

    /// <summary>An audit row under <paramref name="rowKey"/>; <paramref name="changeId"/> lets a commit whose reply was lost recognise itself.</summary>
    public static DynamicTableEntity AuditEntity(string rowKey, RegistryAuditEntry entry, string changeId)
    {
        var entity = new DynamicTableEntity(RegistryRowKeys.Partition, rowKey)
        {
            Properties =
            {
                [Sequence] = new EntityProperty(entry.Sequence),
                [Time] = new EntityProperty(entry.Time.UtcTicks),
                [Actor] = new EntityProperty(entry.Actor),
                [Action] = new EntityProperty(RegistryRules.ActionName(entry.Action)),
                [Model] = new EntityProperty(entry.Model),
                [Version] = new EntityProperty(entry.Version),
                [Details] = new EntityProperty(entry.Details),
                [ChangeId] = new EntityProperty(changeId),
            },
        };
        Optional(entity, Alias, entry.Alias);
        if (entry.PreviousVersion is { } previous)
        {
            entity.Properties[PreviousVersion] = new EntityProperty(previous);
        }

        if (entry.TrafficPercent is { } percent)
        {
            entity.Properties[TrafficPercent] = new EntityProperty(percent);
        }

        Optional(entity, Reason, entry.Reason);
        return entity;
    }

    public static RegistryAuditEntry ReadAudit(DynamicTableEntity entity) => new(
        entity.Properties[Sequence].Int64Value ?? 0,
        Ticks(entity, Time),
        Text(entity, Actor),
        RegistryRules.ParseAction(Text(entity, Action)),
        Text(entity, Model),
        Int(entity, Version) ?? 0,
        OptionalText(entity, Alias),
        Int(entity, PreviousVersion),
        Int(entity, TrafficPercent),
        OptionalText(entity, Reason),
        Text(entity, Details));

    public static string? ReadChangeId(DynamicTableEntity entity) => OptionalText(entity, ChangeId);

    // ----- helpers -----

    public static string ParametersJson(IReadOnlyDictionary<string, string> parameters) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal));

    public static string MetricsJson(IReadOnlyDictionary<string, double> metrics) =>
        JsonSerializer.Serialize(new SortedDictionary<string, double>(metrics.ToDictionary(), StringComparer.Ordinal));

    /// <summary>Insert for a row not read (no ETag), otherwise replace only if it is still as read.</summary>
    private static TableOperation Save(DynamicTableEntity entity, string? etag)
    {
        if (etag is null)
        {
            return TableOperation.Insert(entity);
        }

        entity.ETag = etag;
        return TableOperation.Replace(entity);
    }

    private static string AliasPrefix(string alias) => alias switch
    {
        ModelAliases.Staging => "Staging",
        ModelAliases.Production => "Production",
        ModelAliases.Canary => "Canary",
        _ => throw new ArgumentOutOfRangeException(nameof(alias), alias, "Not a model alias."),
    };

    private static void Optional(DynamicTableEntity entity, string property, string? value)
    {
        if (value is not null)
        {
            entity.Properties[property] = new EntityProperty(value);
        }
    }

    private static void Limited(string field, string value)
    {
        if (value.Length > MaxStringProperty)
        {
            throw new InvalidRegistryRequestException(
                field,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{field}: {value.Length} characters is too long for an Azure table property: expected at most {MaxStringProperty}."));
        }
    }

    private static int? Int(DynamicTableEntity entity, string property) =>
        entity.Properties.TryGetValue(property, out var value) ? value.Int32Value : null;

    private static string Text(DynamicTableEntity entity, string property) =>
        OptionalText(entity, property) ?? throw new FormatException($"Registry row '{entity.RowKey}' has no '{property}'.");

    private static string? OptionalText(DynamicTableEntity entity, string property) =>
        entity.Properties.TryGetValue(property, out var value) ? value.StringValue : null;

    private static DateTimeOffset Ticks(DynamicTableEntity entity, string property) =>
        entity.Properties.TryGetValue(property, out var value) && value.Int64Value is { } ticks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw new FormatException($"Registry row '{entity.RowKey}' has no '{property}'.");
}
