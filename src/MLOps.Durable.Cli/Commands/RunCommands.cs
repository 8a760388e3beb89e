using System.CommandLine;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Output;
using MLOps.Durable.Cli.Runs;

namespace MLOps.Durable.Cli.Commands;

/// <summary><c>mlops runs start|list|show|watch|cancel</c>: pipeline runs through <c>/api/pipelines/{name}/runs</c> and <c>/api/runs</c>.</summary>
internal static class RunCommands
{
    public static Command Create(GlobalOptions options) => new("runs", "Pipeline runs")
    {
        Start(options),
        List(options),
        Show(options),
        Watch(options),
        Cancel(options),
    };

    private static Command Start(GlobalOptions options)
    {
        var pipeline = new Argument<string>("pipeline") { Description = "The pipeline's name (see mlops pipelines list)" };
        var watch = new Option<bool>("--watch") { Description = "Follow the stages until the run ends or waits for approval" };
        var interval = WatchOptions.Interval();
        var command = new Command("start", "Start a run of a pipeline") { pipeline, watch, interval };
        return command.WithHandler(options, async (context, ct) =>
        {
            var started = await context.Api.PostAsync(MlopsApiClient.Path(["pipelines", context.Value(pipeline), "runs"]), null, ct).ConfigureAwait(false);
            var id = started.String("id") ?? throw new CliException("the host started a run but did not say its id; is --host the MLOps host?");
            if (context.Value(watch))
            {
                if (!context.Output.Json)
                {
                    context.Output.Line($"started run {id}");
                }

                return await RunProgress.WatchAsync(context, id, stopAtApproval: true, TimeSpan.FromSeconds(context.Value(interval)), null, ct).ConfigureAwait(false);
            }

            if (context.Output.Json)
            {
                context.Output.WriteJson(started);
            }
            else
            {
                context.Output.Line($"started run {id}; follow it with: mlops runs watch {id}");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command List(GlobalOptions options)
    {
        var pipeline = new Option<string?>("--pipeline") { Description = "Only this pipeline's runs", HelpName = "name" };
        var status = new Option<string?>("--status") { Description = "Only runs with this status: Running, deployed, rejected, Failed, Terminated", HelpName = "status" };
        var top = new Option<int?>("--top") { Description = "At most this many runs (1-1000, default 100)", HelpName = "n" };
        var command = new Command("list", "List runs with their stage and status") { pipeline, status, top };
        return command.WithHandler(options, async (context, ct) =>
        {
            var path = MlopsApiClient.Path(
                ["runs"],
                ("pipeline", context.Value(pipeline)),
                ("status", context.Value(status)),
                ("top", context.Value(top)?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var runs = await context.Api.GetAsync(path, ct).ConfigureAwait(false);
            if (context.Output.Json)
            {
                context.Output.WriteJson(runs);
                return ExitCodes.Ok;
            }

            var table = new TableView("id", "pipeline", "status", "stage", "detail", "created");
            foreach (var run in runs.Items().OrderBy(r => r.String("createdTime"), StringComparer.Ordinal))
            {
                table.Add(run.Text("id"), run.Text("pipeline"), run.Text("status"), run.Text("stage"), run.Text("progress"), run.Text("createdTime"));
            }

            context.Output.Table(table);
            return ExitCodes.Ok;
        });
    }

    private static Command Show(GlobalOptions options)
    {
        var id = new Argument<string>("id") { Description = "The run's id" };
        var command = new Command("show", "Show a run: status, stages, outcome and metrics") { id };
        return command.WithHandler(options, async (context, ct) =>
        {
            var run = await context.Api.GetAsync(MlopsApiClient.Path(["runs", context.Value(id)]), ct).ConfigureAwait(false);
            if (context.Output.Json)
            {
                context.Output.WriteJson(run);
                return ExitCodes.Ok;
            }

            var snapshot = RunSnapshot.Of(run);
            var outcome = run!["outcome"];
            var facts = new TableView("field", "value")
                .Add("run", snapshot.Id)
                .Add("pipeline", run.Text("pipeline"))
                .Add("status", snapshot.Status)
                .Add("created", run.Text("createdTime"))
                .Add("updated", run.Text("lastUpdatedTime"));
            if (outcome.Pairs("metrics") is { Length: > 0 } metrics)
            {
                facts.Add("metrics", metrics);
            }

            if (outcome.Pairs("hyperparameters") is { Length: > 0 } parameters)
            {
                facts.Add("parameters", parameters);
            }

            if (run.String("failure") is { } failure)
            {
                facts.Add("failure", failure.Split('\n', 2)[0]);
            }

            context.Output.Table(facts);
            var stages = new TableView("stage", "status", "started", "ended", "detail");
            foreach (var stage in run.Items("stages"))
            {
                stages.Add(stage.Text("name"), stage.Text("status"), stage.Text("startedAt"), stage.Text("endedAt"), stage.Text("detail"));
            }

            context.Output.Table(stages);
            context.Output.Line(snapshot.Summary, snapshot.Colour);
            return ExitCodes.Ok;
        });
    }

    private static Command Watch(GlobalOptions options)
    {
        var id = new Argument<string>("id") { Description = "The run's id" };
        var untilDone = new Option<bool>("--until-done") { Description = "Keep watching while the run waits for approval" };
        var interval = WatchOptions.Interval();
        var command = new Command("watch", "Follow a run's stages until it ends or waits for approval (exit 1 when it fails or is rejected)") { id, untilDone, interval };
        return command.WithHandler(options, (context, ct) =>
            RunProgress.WatchAsync(context, context.Value(id), !context.Value(untilDone), TimeSpan.FromSeconds(context.Value(interval)), null, ct));
    }

    private static Command Cancel(GlobalOptions options)
    {
        var id = new Argument<string>("id") { Description = "The run's id" };
        var reason = new Option<string?>("--reason") { Description = "Why (kept with the terminated run)", HelpName = "text" };
        var command = new Command("cancel", "Cancel (terminate) a run that has not finished") { id, reason };
        return command.WithHandler(options, async (context, ct) =>
        {
            var runId = context.Value(id);
            await context.Api.PostAsync(MlopsApiClient.Path(["runs", runId, "cancel"], ("reason", context.Value(reason))), null, ct).ConfigureAwait(false);
            if (context.Output.Json)
            {
                context.Output.WriteJson(new System.Text.Json.Nodes.JsonObject { ["id"] = runId, ["cancelled"] = true });
            }
            else
            {
                context.Output.Line($"run {runId}: cancel requested");
            }

            return ExitCodes.Ok;
        });
    }
}
