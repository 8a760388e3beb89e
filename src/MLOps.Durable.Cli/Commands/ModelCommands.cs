using System.CommandLine;
using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Api;
using MLOps.Durable.Cli.Output;

namespace MLOps.Durable.Cli.Commands;

/// <summary><c>mlops models list|show|promote|rollback</c>: the model registry through <c>/api/models</c>.</summary>
internal static class ModelCommands
{
    public const string ActorVariable = "MLOPS_ACTOR";

    public static Command Create(GlobalOptions options)
    {
        var list = new Command("list", "Registered models with their latest version and aliases").WithHandler(options, ListAsync);
        var model = new Argument<string>("model") { Description = "The model's name (the pipeline's)" };
        var show = new Command("show", "A model's aliases and versions with metrics and lineage") { model };
        show.WithHandler(options, (context, ct) => ShowAsync(context, context.Value(model), ct));
        return new Command("models", "The model registry")
        {
            list,
            show,
            Change(options, "promote", "Make the canary version production", (model, alias) => $"model {model}: production is now v{alias.Text("version")} (promoted from canary)"),
            Change(options, "rollback", "Put production back on its previous version", (model, alias) => $"model {model}: production rolled back to v{alias.Text("version")}"),
        };
    }

    private static async Task<int> ListAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var models = await context.Api.GetAsync(MlopsApiClient.Path(["models"]), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(models);
            return ExitCodes.Ok;
        }

        var table = new TableView("model", "latest", "production", "canary", "staging");
        foreach (var m in models.Items())
        {
            table.Add(m.Text("model"), "v" + m.Text("latestVersion"), Alias(m, "production"), Alias(m, "canary"), Alias(m, "staging"));
        }

        context.Output.Table(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CommandContext context, string name, CancellationToken cancellationToken)
    {
        var model = await context.Api.GetAsync(MlopsApiClient.Path(["models", name]), cancellationToken).ConfigureAwait(false);
        if (context.Output.Json)
        {
            context.Output.WriteJson(model);
            return ExitCodes.Ok;
        }

        var aliases = model.Items("aliases").ToList();
        var summary = aliases.Count == 0
            ? "no aliases"
            : string.Join("; ", aliases.Select(a => $"{a.Text("alias")} v{a.Text("version")}{Percent(a)} (set by {a.Text("setBy")} at {a.Text("setAt")})"));
        context.Output.Line($"model {model.Text("model")}: latest v{model.Text("latestVersion")}; {summary}");
        var table = new TableView("version", "aliases", "created", "trainer", "run", "metrics", "dataset");
        foreach (var v in model.Items("versions"))
        {
            var version = v.Number("version");
            var on = string.Join(", ", aliases.Where(a => a.Number("version") == version).Select(a => a.Text("alias")));
            table.Add("v" + v.Text("version"), on, v.Text("createdAt"), v.Text("trainer"), v.Text("runId"), v.Pairs("metrics"), Short(v["lineage"].String("datasetHash")));
        }

        context.Output.Table(table);
        return ExitCodes.Ok;
    }

    /// <summary>promote / rollback: optional reason in the body, the actor for the audit trail in x-actor.</summary>
    private static Command Change(GlobalOptions options, string action, string description, Func<string, JsonNode?, string> describe)
    {
        var model = new Argument<string>("model") { Description = "The model's name" };
        var reason = new Option<string?>("--reason") { Description = "Why; kept in the model's audit trail", HelpName = "text" };
        var actor = new Option<string?>("--actor") { Description = $"Who, for the audit trail (else ${ActorVariable}, else the login name)", HelpName = "name" };
        var command = new Command(action, description) { model, reason, actor };
        return command.WithHandler(options, async (context, ct) =>
        {
            var name = context.Value(model);
            var who = context.Value(actor) is { Length: > 0 } flag ? flag
                : Environment.GetEnvironmentVariable(ActorVariable) is { Length: > 0 } variable ? variable
                : Environment.UserName;
            var body = context.Value(reason) is { } why ? new JsonObject { ["reason"] = why } : null;
            var alias = await context.Api.PostAsync(MlopsApiClient.Path(["models", name, action]), body, ct, ("x-actor", who)).ConfigureAwait(false);
            if (context.Output.Json)
            {
                context.Output.WriteJson(alias);
            }
            else
            {
                context.Output.Line(describe(name, alias), "green");
            }

            return ExitCodes.Ok;
        });
    }

    private static string Alias(JsonNode model, string alias) =>
        model.Items("aliases").FirstOrDefault(a => a.String("alias") == alias) is { } found ? $"v{found.Text("version")}{Percent(found)}" : string.Empty;

    private static string Percent(JsonNode alias) => alias.Number("trafficPercent") is { } percent ? $" ({JsonAccess.Format(percent)}%)" : string.Empty;

    private static string Short(string? hash) => hash is { Length: > 19 } ? hash[..19] : hash ?? string.Empty;
}
