using static MLOps.Durable.Pipelines.Registry.SqliteRegistryRows;

namespace MLOps.Durable.Pipelines.Registry;

public sealed partial class SqliteModelRegistry
{
    private const string InsertAudit = $"""
        INSERT INTO RegistryAudit (Time, Actor, Action, Model, Version, Alias, PreviousVersion, TrafficPercent, Reason, Details)
        VALUES (@time, @actor, @action, @model, @version, @alias, @previousVersion, @trafficPercent, @reason, @details)
        """;

    private const string SelectAudit = $"SELECT {AuditColumns} FROM RegistryAudit WHERE Sequence > @after ORDER BY Sequence LIMIT @limit";

    private const string SelectModelAudit =
        $"SELECT {AuditColumns} FROM RegistryAudit WHERE Model = @model AND Sequence > @after ORDER BY Sequence LIMIT @limit";

    private const string SelectAliasAudit = $"SELECT {AuditColumns} FROM RegistryAudit WHERE Model = @model AND Alias = @alias ORDER BY Sequence";

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistryAuditEntry>> GetAuditTrailAsync(
        string? model = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default)
    {
        RegistryRules.AuditQuery(model, afterSequence, maxEntries);
        return ReadAsync<IReadOnlyList<RegistryAuditEntry>>(() =>
        {
            using var command = model is null
                ? Command(SelectAudit, ("@after", afterSequence), ("@limit", maxEntries))
                : Command(SelectModelAudit, ("@model", model), ("@after", afterSequence), ("@limit", maxEntries));
            return ReadEntries(command);
        }, cancellationToken);
    }

    /// <summary>One model's entries about one alias, in sequence order. Call inside a transaction.</summary>
    private List<RegistryAuditEntry> ReadAudit(string model, string alias)
    {
        using var command = Command(SelectAliasAudit, ("@model", model), ("@alias", alias));
        return ReadEntries(command);
    }

    /// <summary>Adds an entry; the file numbers it. Call inside the change's write transaction.</summary>
    private void Append(RegistryAuditEntry entry) => Execute(
        InsertAudit,
        ("@time", entry.Time.UtcTicks),
        ("@actor", entry.Actor),
        ("@action", RegistryRules.ActionName(entry.Action)),
        ("@model", entry.Model),
        ("@version", entry.Version),
        ("@alias", entry.Alias),
        ("@previousVersion", entry.PreviousVersion),
        ("@trafficPercent", entry.TrafficPercent),
        ("@reason", entry.Reason),
        ("@details", entry.Details));

    private static List<RegistryAuditEntry> ReadEntries(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<RegistryAuditEntry>();
        while (reader.Read())
        {
            entries.Add(ReadAuditEntry(reader));
        }

        return entries;
    }
}
