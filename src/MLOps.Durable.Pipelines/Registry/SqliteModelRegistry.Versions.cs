using static MLOps.Durable.Pipelines.Registry.SqliteRegistryRows;

namespace MLOps.Durable.Pipelines.Registry;

public sealed partial class SqliteModelRegistry
{
    private const string SelectVersionByRun = $"SELECT {VersionColumns} FROM ModelVersions WHERE Model = @model AND RunId = @runId";

    private const string SelectVersion = $"SELECT {VersionColumns} FROM ModelVersions WHERE Model = @model AND Version = @version";

    private const string SelectVersions = $"SELECT {VersionColumns} FROM ModelVersions WHERE Model = @model ORDER BY Version";

    private const string SelectLatestVersion = "SELECT MAX(Version) FROM ModelVersions WHERE Model = @model";

    private const string InsertVersion = $"""
        INSERT INTO ModelVersions ({VersionColumns})
        VALUES (@model, @version, @runId, @trainer, @parameters, @metrics, @datasetHash, @schemaVersion, @schemaHash, @codeVersion,
                @pipelineName, @modelJson, @onnx, @createdAt)
        """;

    private const string SelectModels = "SELECT Model, MAX(Version) FROM ModelVersions GROUP BY Model ORDER BY Model";

    private const string SelectAllAliases = $"SELECT {AliasColumns} FROM ModelAliases";

    /// <inheritdoc />
    public Task<ModelVersion> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        RegistryRules.Registration(registration);
        return WriteAsync(now =>
        {
            // The write lock is held from here, so the existence check and MAX(Version) + 1 cannot race another
            // registry; UNIQUE (Model, RunId) backs the idempotency up.
            if (FindVersion(SelectVersionByRun, ("@model", registration.Model), ("@runId", registration.RunId)) is { } existing)
            {
                return existing;
            }

            var latest = LatestVersion(registration.Model) ?? 0;
            var version = new ModelVersion(registration.Model, latest + 1, registration.RunId, registration.Trainer, now)
            {
                Parameters = new Dictionary<string, string>(registration.Parameters, StringComparer.Ordinal),
                Metrics = new Dictionary<string, double>(registration.Metrics, StringComparer.Ordinal),
                Lineage = registration.Lineage,
                Artifacts = registration.Artifacts,
            };
            Execute(
                InsertVersion,
                ("@model", version.Model),
                ("@version", version.Version),
                ("@runId", version.RunId),
                ("@trainer", version.Trainer),
                ("@parameters", ParametersJson(version.Parameters)),
                ("@metrics", MetricsJson(version.Metrics)),
                ("@datasetHash", version.Lineage.DatasetHash),
                ("@schemaVersion", version.Lineage.SchemaVersion),
                ("@schemaHash", version.Lineage.SchemaHash),
                ("@codeVersion", version.Lineage.CodeVersion),
                ("@pipelineName", version.Lineage.PipelineName),
                ("@modelJson", version.Artifacts.ModelJson),
                ("@onnx", version.Artifacts.Onnx),
                ("@createdAt", now.UtcTicks));
            Append(RegistryAuditEntries.Registered(version));
            return version;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelSummary>> GetModelsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<ModelSummary>>(() =>
        {
            var aliases = new Dictionary<string, List<ModelAlias>>(StringComparer.Ordinal);
            using (var command = Command(SelectAllAliases))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var model = reader.GetString(0);
                    if (!aliases.TryGetValue(model, out var list))
                    {
                        aliases.Add(model, list = []);
                    }

                    list.Add(ReadAlias(reader));
                }
            }

            var models = new List<ModelSummary>();
            using (var command = Command(SelectModels))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var model = reader.GetString(0);
                    IReadOnlyList<ModelAlias> set = aliases.TryGetValue(model, out var list) ? [.. list.OrderBy(a => ModelAliases.Order(a.Alias))] : [];
                    models.Add(new ModelSummary(model, reader.GetInt32(1), set));
                }
            }

            return models;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersion>> GetVersionsAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        return ReadAsync<IReadOnlyList<ModelVersion>>(() =>
        {
            using var command = Command(SelectVersions, ("@model", model));
            using var reader = command.ExecuteReader();
            var versions = new List<ModelVersion>();
            while (reader.Read())
            {
                versions.Add(ReadVersion(reader));
            }

            return versions.Count > 0 ? versions : throw new ModelNotFoundException(model);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelVersion> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Version(model, version);
        return ReadAsync(() => RequireVersion(model, version), cancellationToken);
    }

    /// <summary>The version, or the not-found error for the model or the version. Call inside a transaction.</summary>
    private ModelVersion RequireVersion(string model, int version)
    {
        if (FindVersion(SelectVersion, ("@model", model), ("@version", version)) is { } found)
        {
            return found;
        }

        var latest = LatestVersion(model) ?? throw new ModelNotFoundException(model);
        throw new ModelVersionNotFoundException(model, version, latest);
    }

    /// <summary>The model's highest version, or null when the model has none. Call inside a transaction.</summary>
    private int? LatestVersion(string model) =>
        Scalar(SelectLatestVersion, ("@model", model)) is { } value ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private ModelVersion? FindVersion(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadVersion(reader) : null;
    }
}
