namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The validate stage's result: whether the data may be used, and its lineage.</summary>
public sealed record DataCheck(
    bool Valid,
    int Rows,
    int Errors,
    int Warnings,
    string Summary,
    string DatasetHash,
    int SchemaVersion,
    string SchemaHash,
    string Task,
    IReadOnlyList<string> Artifacts);
