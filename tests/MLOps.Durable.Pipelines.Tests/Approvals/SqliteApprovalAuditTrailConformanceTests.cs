using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Pipelines.Tests.Testing;

namespace MLOps.Durable.Pipelines.Tests.Approvals;

/// <summary>The approval audit conformance suite on a real SQLite file, one fresh file per test.</summary>
public sealed class SqliteApprovalAuditTrailConformanceTests : ApprovalAuditTrailConformanceSuite
{
    private readonly TemporaryFolder _folder = new("approvals-conformance");

    protected override async Task<IApprovalAuditTrail> CreateTrailAsync(TimeProvider time)
    {
        var trail = new SqliteApprovalAuditTrail(new SqliteApprovalAuditTrailOptions { DataSource = _folder.File("approvals.db"), TimeProvider = time });
        await trail.InitializeAsync();
        return trail;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
