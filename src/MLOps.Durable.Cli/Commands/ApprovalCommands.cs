using System.CommandLine;
using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Runs;

namespace MLOps.Durable.Cli.Commands;

/// <summary>
/// <c>mlops approve|reject &lt;run&gt;</c>: a reviewer's decision through <c>POST /api/runs/{id}/approval</c>. The API
/// takes the reviewer's identity in the body (it must be one of the pipeline's <c>approve.reviewers</c>), so it
/// comes from <c>--reviewer</c> or <c>MLOPS_REVIEWER</c>.
/// </summary>
internal static class ApprovalCommands
{
    public const string ReviewerVariable = "MLOPS_REVIEWER";

    public static Command Approve(GlobalOptions options)
    {
        var watch = new Option<bool>("--watch") { Description = "Then follow the run until it ends (exit 1 when it fails or is rejected)" };
        var interval = WatchOptions.Interval();
        var command = Decision("approve", "Approve a run waiting for approval", approved: true, options, watch, interval);
        return command;
    }

    public static Command Reject(GlobalOptions options) =>
        Decision("reject", "Reject a run waiting for approval", approved: false, options, null, null);

    private static Command Decision(string name, string description, bool approved, GlobalOptions options, Option<bool>? watch, Option<double>? interval)
    {
        var run = new Argument<string>("run") { Description = "The run's id (see mlops runs list --status Running)" };
        var reviewer = new Option<string?>("--reviewer") { Description = $"Who decides: one of the pipeline's reviewers (else ${ReviewerVariable})", HelpName = "email" };
        var comment = new Option<string?>("--comment") { Description = "Why; kept in the run and the approval audit trail", HelpName = "text" };
        var command = new Command(name, description) { run, reviewer, comment };
        if (watch is not null && interval is not null)
        {
            command.Options.Add(watch);
            command.Options.Add(interval);
        }

        return command.WithHandler(options, async (context, ct) =>
        {
            var who = context.Value(reviewer) is { Length: > 0 } flag ? flag : Environment.GetEnvironmentVariable(ReviewerVariable);
            if (string.IsNullOrWhiteSpace(who))
            {
                throw new UsageException($"{name}: the API needs the reviewer's identity; pass --reviewer alice@example.com or set {ReviewerVariable} (one of the pipeline's approve.reviewers)");
            }

            var runId = context.Value(run);
            var body = new JsonObject { ["approved"] = approved, ["reviewer"] = who, ["comment"] = context.Value(comment) };
            var decision = await context.Api.PostAsync(MlopsApiClient.Path(["runs", runId, "approval"]), body, ct).ConfigureAwait(false);
            var follow = watch is not null && context.Value(watch);
            if (!context.Output.Json)
            {
                var again = decision.String("result") == "duplicate" ? "; the same decision was already recorded" : string.Empty;
                context.Output.Line($"run {runId}: {(approved ? "approved" : "rejected")} by {decision.String("reviewer") ?? who}{again}", approved ? "green" : "yellow");
            }
            else if (!follow)
            {
                context.Output.WriteJson(decision);
            }

            return follow
                ? await RunProgress.WatchAsync(context, runId, stopAtApproval: false, TimeSpan.FromSeconds(context.Value(interval!)), fromStage: "approve", ct).ConfigureAwait(false)
                : ExitCodes.Ok;
        });
    }
}
