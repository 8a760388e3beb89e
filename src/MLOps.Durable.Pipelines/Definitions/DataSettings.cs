using MLOps.Durable.ML.Data;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>data</c> section.</summary>
/// <param name="Source">A local CSV path (resolved against the definition's folder) or an http(s) URL (a blob).</param>
/// <param name="Target">The column to predict.</param>
/// <param name="Task">The task, or null to infer it from the target column.</param>
/// <param name="SchemaFile">A pinned schema JSON file, or null to infer the schema on the first run and pin it.</param>
/// <param name="Validation">Limits for the validation report.</param>
public sealed record DataSettings(string Source, string Target, TaskKind? Task, string? SchemaFile, ValidationLimits Validation)
{
    /// <summary>Whether <see cref="Source"/> is a URL rather than a local file.</summary>
    public bool IsRemote => Source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
