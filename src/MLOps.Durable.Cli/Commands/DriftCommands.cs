using System.CommandLine;
using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli.Commands;

/// <summary>
/// <c>mlops drift list</c> and <c>mlops drift show &lt;model&gt; [--check n]</c>: the model monitors and their drift
/// history from <c>/api/monitors</c> (a model's monitor is its pipeline's, under the same name).
/// </summary>
internal static class DriftCommands
{
    public static Command Create(GlobalOptions options)
    {
        var list = new Command("list", "Every pipeline's monitor: status, next check, checks and last result").WithHandler(options, ListAsync);
        var model = new Argument<string>("model") { Description = "The model's (pipeline's) name" };
        var check = new Option<int?>("--check") { Description = "Show this check's per-column tests", HelpName = "n" };
        var show = new Command("show", "A model's monitor and its drift checks") { model, check };
        show.WithHandler(options, (context, ct) => ShowAsync(context, context.Value(model), context.Value(check), ct));
        return new Command("drift", "Drift monitoring of deployed models") { list, show };
    }

    private static async Task<int> ListAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var monitors = await context.Api.GetAsync(MlopsApiClient.Path(["monitors"]), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(monitors);
            return ExitCodes.Ok;
        }

        var table = new TableView("model", "status", "state", "next check", "checks", "last result");
        foreach (var m in monitors.Items())
        {
            table.Add(m.Text("pipeline"), m.Text("runtimeStatus"), m.Text("state"), m.Text("nextCheck"), m.Text("checks"), m["lastResult"].Text("summary"));
        }

        context.Output.Table(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CommandContext context, string model, int? check, CancellationToken cancellationToken)
    {
        var answer = await context.Api.GetAsync(MlopsApiClient.Path(["monitors", model]), cancellationToken).ConfigureAwait(false);
        var history = answer.Items("history").ToList();
        var point = check is { } n ? history.FirstOrDefault(h => h.Number("check") == n) : null;
        if (check is not null && point is null)
        {
            var known = history.Count == 0 ? "none yet" : string.Join(", ", history.Select(h => h.Text("check")));
            throw new CliException($"no drift check {check} for '{model}'; its checks: {known}");
        }

        if (context.Output.Json)
        {
            context.Output.WriteJson(point ?? answer);
            return ExitCodes.Ok;
        }

        var monitor = answer?["monitor"];
        var next = monitor.String("nextCheck") is null ? string.Empty : $", next check {monitor.Text("nextCheck")}";
        var last = monitor?["lastResult"].String("summary") is { } summary ? $"; last: {summary}" : string.Empty;
        context.Output.Line($"monitor {model}: {monitor.Text("runtimeStatus")}{(monitor.String("state") is { } state ? ", " + state : string.Empty)}{next}; {monitor.Text("checks")} check(s){last}");
        if (point is not null)
        {
            var columns = new TableView("column", "method", "statistic", "drifted");
            foreach (var c in point.Items("columns"))
            {
                columns.Add(c.Text("name"), c.Text("method"), c.Text("statistic"), c.Flag("drifted") ? "yes" : "no");
            }

            context.Output.Table(columns, $"check {point.Text("check")}: {Verdict(point)} over {point.Text("rows")} predictions since {point.Text("since")}");
            return ExitCodes.Ok;
        }

        if (history.Count == 0)
        {
            context.Output.Line("no drift checks stored yet");
            return ExitCodes.Ok;
        }

        var table = new TableView("check", "since", "version", "rows", "dataset drift", "share", "drifted columns", "performance");
        foreach (var h in history)
        {
            var drifted = string.Join(", ", h.Items("columns").Where(c => c.Flag("drifted")).Select(c => c.Text("name")));
            table.Add(h.Text("check"), h.Text("since"), "v" + h.Text("version"), h.Text("rows"), h.Flag("datasetDrift") ? "yes" : "no", h.Text("driftShare"), drifted, Performance(h["performance"]));
        }

        context.Output.Table(table);
        return ExitCodes.Ok;
    }

    private static string Verdict(JsonNode point) =>
        point.Flag("datasetDrift") ? $"dataset drift (share {point.Text("driftShare")})" : $"no dataset drift (share {point.Text("driftShare")})";

    private static string Performance(JsonNode? performance) => performance is null
        ? string.Empty
        : $"{performance.Text("metric")} {performance.Text("value")}{(performance.Flag("breached") ? $" fails {performance.Text("gate")}" : string.Empty)}";
}
