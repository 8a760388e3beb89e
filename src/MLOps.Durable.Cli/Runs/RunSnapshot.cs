using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Api;

namespace MLOps.Durable.Cli.Runs;

/// <summary>A run as read from <c>GET /api/runs/{id}</c>: its status, stages and what that means for a watcher.</summary>
internal sealed record RunSnapshot(string Id, string Status, IReadOnlyList<RunStageState> Stages, JsonNode Json)
{
    public static RunSnapshot Of(JsonNode? run)
    {
        if (run is null || run.String("id") is not { } id)
        {
            throw new CliException("the host answered a run request without a run; is --host the MLOps host?");
        }

        var stages = run.Items("stages")
            .Select(s => new RunStageState(s.String("name") ?? "?", s.String("status") ?? "?", s.String("detail")))
            .ToList();
        return new RunSnapshot(id, run.String("status") ?? "?", stages, run);
    }

    public RunPhase Phase => Status switch
    {
        "deployed" or "Completed" => RunPhase.Deployed,
        "rejected" => RunPhase.Rejected,
        "Failed" => RunPhase.Failed,
        "Terminated" => RunPhase.Cancelled,
        "Suspended" => RunPhase.Suspended,
        _ when Stages.Count > 0 && Stages[^1] is { Name: "approve", Status: "running", Detail: { } detail }
            && (detail.StartsWith("waiting for", StringComparison.Ordinal) || detail.StartsWith("escalated", StringComparison.Ordinal)) => RunPhase.WaitingForApproval,
        _ => RunPhase.Running,
    };

    /// <summary>Whether a watcher stops here: the run ended, or (when asked) it waits for a reviewer.</summary>
    public bool Settled(bool stopAtApproval) => Phase switch
    {
        RunPhase.Running => false,
        RunPhase.WaitingForApproval => stopAtApproval,
        _ => true,
    };

    /// <summary>Waiting for approval is as far as a run gets alone, so only failures, rejections, cancellations and suspensions fail the command.</summary>
    public int ExitCode => Phase is RunPhase.Running or RunPhase.WaitingForApproval or RunPhase.Deployed ? ExitCodes.Ok : ExitCodes.Failed;

    /// <summary>The watch's last line: how the run ended, or what it waits for and how to decide.</summary>
    public string Summary
    {
        get
        {
            var outcome = Json["outcome"];
            return Phase switch
            {
                RunPhase.Deployed when outcome.Number("modelVersion") is { } version =>
                    $"run {Id}: deployed v{JsonAccess.Format(version)} as {outcome.String("alias")}" + (outcome.String("approvedBy") is { } by ? $" (approved by {by})" : string.Empty),
                RunPhase.Deployed => $"run {Id}: completed",
                RunPhase.Rejected => $"run {Id}: rejected at {outcome.String("rejectedAt") ?? "?"}: {outcome.String("reason")}",
                RunPhase.Failed => $"run {Id}: failed: {FirstLine(Json.String("failure")) ?? "no details"}",
                RunPhase.Cancelled => $"run {Id}: cancelled",
                RunPhase.Suspended => $"run {Id}: suspended" + (Stages.Count > 0 ? $" at {Stages[^1].Name}" : string.Empty) +
                    $"; resume it with POST /runtime/webhooks/durabletask/instances/{Id}/resume (master key)",
                RunPhase.WaitingForApproval =>
                    $"run {Id}: waiting for approval ({Stages[^1].Detail}); decide with: mlops approve {Id} --reviewer <email> (or mlops reject)",
                _ => $"run {Id}: {Status}" + (Stages.Count > 0 ? $" at {Stages[^1].Name}" : string.Empty),
            };
        }
    }

    /// <summary>The Spectre colour of the summary line.</summary>
    public string Colour => Phase switch
    {
        RunPhase.Deployed => "green",
        RunPhase.WaitingForApproval => "yellow",
        RunPhase.Running => "blue",
        _ => "red",
    };

    private static string? FirstLine(string? text) => text?.Split('\n', 2)[0].Trim();
}
