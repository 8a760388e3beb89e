using MLOps.Durable.Pipelines.SqliteFiles;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// Settings of <see cref="SqliteApprovalAuditTrail"/>: which file holds the trail, which clock stamps entries, and how long to wait for another process that holds
/// the write lock.
/// </summary>
public sealed class SqliteApprovalAuditTrailOptions() : SqliteFileOptions("trail's", "data/approvals.db");
