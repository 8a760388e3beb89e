using System.Text.Json;
using MLOps.Durable.Pipelines.Artifacts;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Records the approval request (candidate vs production, reviewers, deadline) under the run.</summary>
[DurableTask(PipelineActivities.RequestApproval)]
public sealed class RequestApprovalActivity(IArtifactStore artifacts) : TaskActivity<ApprovalRequest, string>
{
    public const string Artifact = "approval-request.json";

    public override async Task<string> RunAsync(TaskActivityContext context, ApprovalRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await artifacts.PutAsync(input.RunId, Artifact, JsonSerializer.SerializeToUtf8Bytes(input, JsonSerializerOptions.Web)).ConfigureAwait(false);
        return Artifact;
    }
}
