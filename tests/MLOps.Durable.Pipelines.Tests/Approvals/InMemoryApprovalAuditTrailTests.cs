using MLOps.Durable.Pipelines.Approvals;

namespace MLOps.Durable.Pipelines.Tests.Approvals;

/// <summary>The approval audit conformance suite on the in-memory trail.</summary>
public sealed class InMemoryApprovalAuditTrailTests : ApprovalAuditTrailConformanceSuite
{
    protected override Task<IApprovalAuditTrail> CreateTrailAsync(TimeProvider time) => Task.FromResult<IApprovalAuditTrail>(new InMemoryApprovalAuditTrail(time));
}
