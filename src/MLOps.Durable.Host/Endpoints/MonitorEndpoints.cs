using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using MLOps.Durable.Client;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Monitoring;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// <c>/api/monitors</c>: each pipeline's model monitor (state, next check, last result), its drift history
/// (one point per stored check, for charts) and a stored report. Function-level key.
/// </summary>
public static class MonitorEndpoints
{
    public static IEndpointRouteBuilder MapMonitorEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        var api = routes.MapGroup(prefix + "/monitors").RequireKey(AuthorizationLevel.Function).WithTags("Monitoring");
        api.MapGet(string.Empty, ListAsync)
            .WithName("ListMonitors")
            .WithSummary("Each pipeline's model monitor: runtime status, state, next check, checks done and the last result.")
            .Produces<object>(StatusCodes.Status200OK);
        api.MapGet("{pipeline}", GetAsync)
            .WithName("GetMonitor")
            .WithSummary("One monitor with its drift history: one point per stored check (dataset drift, share, per-column method, statistic, p-value, threshold and verdict, performance), for charts.")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("{pipeline}/reports/{check}", ReportAsync)
            .WithName("GetDriftReport")
            .WithSummary("A stored drift report (check number from the history).")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> ListAsync(PipelineCatalog catalog, DurableTaskClient client, CancellationToken ct)
    {
        var monitors = new List<object>();
        foreach (var pipeline in catalog.Pipelines)
        {
            monitors.Add(await SummaryAsync(client, pipeline.Name, ct));
        }

        return Results.Ok(monitors);
    }

    private static async Task<IResult> GetAsync(string pipeline, PipelineCatalog catalog, DurableTaskClient client, IArtifactStore artifacts, CancellationToken ct)
    {
        if (catalog.Find(pipeline) is not { } definition)
        {
            return NotFound(pipeline);
        }

        var history = new List<JsonNode>();
        IReadOnlyList<ArtifactInfo> stored;
        try
        {
            stored = await artifacts.ListAsync(CheckDriftActivity.Folder(definition.Name), ct);
        }
        catch (ArtifactNotFoundException)
        {
            stored = [];
        }

        foreach (var report in stored.Where(a => a.Name.StartsWith("drift/", StringComparison.Ordinal)).OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var json = JsonNode.Parse(await artifacts.ReadAllBytesAsync(CheckDriftActivity.Folder(definition.Name), report.Name, ct))!;
            history.Add(new JsonObject
            {
                ["check"] = json["check"]?.DeepClone(),
                ["since"] = json["since"]?.DeepClone(),
                ["version"] = json["version"]?.DeepClone(),
                ["rows"] = json["rows"]?.DeepClone(),
                ["datasetDrift"] = json["drift"]?["datasetDrift"]?.DeepClone(),
                ["driftShare"] = json["drift"]?["driftShare"]?.DeepClone(),
                ["columns"] = new JsonArray([.. (json["drift"]?["columns"]?.AsArray() ?? []).Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c?["name"]?.DeepClone(),
                    ["method"] = c?["method"]?.DeepClone(),
                    ["statistic"] = c?["statistic"]?.DeepClone(),
                    ["pValue"] = c?["pValue"]?.DeepClone(),
                    ["threshold"] = c?["threshold"]?.DeepClone(),
                    ["drifted"] = c?["drifted"]?.DeepClone(),
                })]),
                ["performance"] = json["performance"]?.DeepClone(),
            });
        }

        return Results.Ok(new { monitor = await SummaryAsync(client, definition.Name, ct), history });
    }

    private static async Task<IResult> ReportAsync(string pipeline, int check, PipelineCatalog catalog, IArtifactStore artifacts, CancellationToken ct)
    {
        if (catalog.Find(pipeline) is not { } definition)
        {
            return NotFound(pipeline);
        }

        try
        {
            var bytes = await artifacts.ReadAllBytesAsync(CheckDriftActivity.Folder(definition.Name), $"drift/{check.ToString("D6", CultureInfo.InvariantCulture)}.json", ct);
            return Results.Bytes(bytes, "application/json");
        }
        catch (ArtifactNotFoundException)
        {
            return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Report not found", Detail = $"No drift report {check} for '{definition.Name}'." });
        }
    }

    private static async Task<object> SummaryAsync(DurableTaskClient client, string pipeline, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(ModelMonitorOrchestrator.InstanceIdFor(pipeline), true, ct);
        var state = instance?.ReadInputAs<MonitorState>();
        var status = instance?.SerializedCustomStatus is { } custom ? JsonNode.Parse(custom) : null;
        return new
        {
            pipeline,
            instanceId = ModelMonitorOrchestrator.InstanceIdFor(pipeline),
            runtimeStatus = instance?.RuntimeStatus.ToString() ?? "NotStarted",
            state = (string?)status?["state"],
            nextCheck = status?["nextCheck"]?.GetValue<DateTime>(),
            checks = state?.Checks ?? 0,
            lastRetrainAt = state?.LastRetrainAt,
            lastResult = state?.LastResult,
        };
    }

    private static IResult NotFound(string pipeline) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Pipeline not found", Detail = $"No pipeline '{pipeline}'." });
}
