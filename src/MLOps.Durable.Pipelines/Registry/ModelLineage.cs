namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Where a model version came from, so a deployed model can be traced back to its data, schema and code.
/// Every field is optional; what is given is stored as given.
/// </summary>
/// <param name="DatasetHash">Content hash of the training data (e.g. a SHA-256 of the CSV).</param>
/// <param name="SchemaVersion">The pinned dataset schema's own version number.</param>
/// <param name="SchemaHash">The dataset schema's content hash.</param>
/// <param name="CodeVersion">The code that trained it (a commit hash or a build version).</param>
/// <param name="PipelineName">The pipeline definition that ran.</param>
public sealed record ModelLineage(
    string? DatasetHash = null,
    int? SchemaVersion = null,
    string? SchemaHash = null,
    string? CodeVersion = null,
    string? PipelineName = null)
{
    /// <summary>No lineage recorded.</summary>
    public static ModelLineage None { get; } = new();
}
