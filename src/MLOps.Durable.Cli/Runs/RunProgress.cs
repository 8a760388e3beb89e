using MLOps.Durable.Cli.Commands;
using Spectre.Console;

namespace MLOps.Durable.Cli.Runs;

/// <summary>
/// Watches a run the way the output calls for: progress bars in a terminal, stage lines when redirected, only the
/// final run document with <c>--json</c>; then the summary line. Returns the exit code the run's fate implies.
/// </summary>
internal static class RunProgress
{
    public static async Task<int> WatchAsync(CommandContext context, string runId, bool stopAtApproval, TimeSpan interval, string? fromStage, CancellationToken cancellationToken)
    {
        var watcher = new RunWatcher(context.Api, interval);
        RunSnapshot last;
        if (context.Output.Json)
        {
            last = await watcher.WatchAsync(runId, stopAtApproval, _ => { }, cancellationToken).ConfigureAwait(false);
            context.Output.WriteJson(last.Json);
            return last.ExitCode;
        }

        if (context.Output.Rich)
        {
            last = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(), new SpinnerColumn())
                .StartAsync(ctx => watcher.WatchAsync(runId, stopAtApproval, new StageBars(ctx).Update, cancellationToken))
                .ConfigureAwait(false);
        }
        else
        {
            last = await watcher.WatchAsync(runId, stopAtApproval, new StageLines(context.Output, fromStage).Update, cancellationToken).ConfigureAwait(false);
        }

        context.Output.Line(last.Summary, last.Colour);
        return last.ExitCode;
    }
}
