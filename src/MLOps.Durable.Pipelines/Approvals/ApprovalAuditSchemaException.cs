namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>The SQLite file is not an approval audit trail this build can use (a newer schema, or another file); it is left untouched.</summary>
public sealed class ApprovalAuditSchemaException(string dataSource, string message) : ApprovalException(message)
{
    /// <summary>The file that was opened.</summary>
    public string DataSource { get; } = dataSource;
}
