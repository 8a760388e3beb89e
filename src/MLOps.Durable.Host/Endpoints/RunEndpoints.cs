using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using MLOps.Durable.Client;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Stages;
using MLOps.Durable.Storage;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// Pipeline runs: start (<c>POST /api/pipelines/{name}/runs</c>), list and read (<c>/api/runs</c>), decide an
/// approval (<c>POST /api/runs/{id}/approval</c>) and cancel; a run's history and artifacts in
/// <c>RunEndpoints.Details.cs</c>. Function-level key.
/// </summary>
public static partial class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        var api = routes.MapGroup(prefix).RequireKey(AuthorizationLevel.Function).WithTags("Runs");
        api.MapPost("pipelines/{name}/runs", StartAsync)
            .WithName("StartPipelineRun")
            .WithSummary("Starts a run of a pipeline; 202 with the run's id and its run, approval and cancel URLs, and Location.")
            .Produces<object>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("runs", ListAsync)
            .WithName("ListRuns")
            .WithSummary("Pipeline runs, newest first, with their trigger, stages, progress and outcome, filtered by pipeline, status and creation time (from, to: ISO 8601; top: 1-1000, default 100).")
            .Produces<IReadOnlyList<RunView>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("runs/{id}", GetAsync)
            .WithName("GetRun")
            .WithSummary("One pipeline run.")
            .Produces<RunView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("runs/{id}/approval", DecideAsync)
            .WithName("DecideRunApproval")
            .WithSummary("A reviewer approves or rejects a run waiting for approval; 202 accepted, 200 the same answer again.")
            .DocumentRequestBody<ApprovalDecision>(required: true, "application/json")
            .Produces<ApprovalDecisionView>(StatusCodes.Status202Accepted)
            .Produces<ApprovalDecisionView>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapPost("runs/{id}/cancel", CancelAsync)
            .WithName("CancelRun")
            .WithSummary("Cancels (terminates) a run that has not finished.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        MapDetailEndpoints(api);
        return routes;
    }

    private static async Task<IResult> StartAsync(string name, HttpRequest request, PipelineCatalog catalog, DurableTaskClient client, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } pipeline)
        {
            return Problem(StatusCodes.Status404NotFound, "Pipeline not found", $"No pipeline '{name}'. Loaded: {string.Join(", ", catalog.Pipelines.Select(p => p.Name))}.");
        }

        var id = $"{pipeline.Name}-{Guid.NewGuid():N}";
        await client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest(pipeline.Name, "http", request.Headers.UserAgent.ToString()), new StartOrchestrationOptions(id), ct);
        var runUri = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value![..request.Path.Value!.IndexOf("/pipelines/", StringComparison.Ordinal)]}/runs/{id}";
        return Results.Accepted(runUri, new { id, pipeline = pipeline.Name, runUri, approvalPostUri = runUri + "/approval", cancelPostUri = runUri + "/cancel" });
    }

    private static async Task<IResult> ListAsync(
        DurableTaskClient client, PipelineCatalog catalog, string? pipeline, string? status, string? from, string? to, int? top, CancellationToken ct)
    {
        if (!TryParseTime(nameof(from), from, out var createdFrom, out var problem) || !TryParseTime(nameof(to), to, out var createdTo, out problem))
        {
            return problem!;
        }

        pipeline = pipeline is null ? null : catalog.Find(pipeline)?.Name ?? pipeline;
        var runs = new List<RunView>();
        // Run ids start with the pipeline name, so a pipeline filter narrows the store query itself.
        var query = new InstanceQuery
        {
            FetchInputsAndOutputs = true,
            InstanceIdPrefix = pipeline is null ? null : pipeline + "-",
            CreatedFrom = createdFrom,
            CreatedTo = createdTo,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query, ct))
        {
            if (instance.Name != PipelineRunOrchestrator.Name)
            {
                continue;
            }

            var view = RunView.Of(instance);
            if ((pipeline is null || string.Equals(view.Pipeline, pipeline, StringComparison.OrdinalIgnoreCase))
                && (status is null || string.Equals(view.Status, status, StringComparison.OrdinalIgnoreCase)))
            {
                runs.Add(view);
            }
        }

        // The store answers in instance-id order; people look for the latest runs first.
        return Results.Ok(runs.OrderByDescending(r => r.CreatedTime).ThenBy(r => r.Id, StringComparer.Ordinal).Take(Math.Clamp(top ?? 100, 1, 1000)));
    }

    /// <summary>An optional ISO 8601 time query parameter; a value without an offset is UTC.</summary>
    private static bool TryParseTime(string name, string? text, out DateTimeOffset? time, out IResult? problem)
    {
        time = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        problem = Problem(StatusCodes.Status400BadRequest, "Invalid query", $"{name}: '{text}' is not a time; expected ISO 8601, e.g. 2026-01-31T08:00:00Z.");
        return false;
    }

    private static async Task<IResult> GetAsync(string id, DurableTaskClient client, CancellationToken ct) =>
        await FindRunAsync(client, id, ct) is { } instance
            ? Results.Ok(RunView.Of(instance))
            : NotFound(id);

    /// <summary>A decision through the API: the same <see cref="ApprovalService"/> as the signed links (audit, idempotency).</summary>
    private static async Task<IResult> DecideAsync(string id, HttpContext http, ApprovalService approvals, CancellationToken ct)
    {
        var (decision, error) = await RequestBody.ReadJsonAsync<ApprovalDecision>(
            http.Request, """Expected {"approved": true|false, "reviewer": "...", "comment": "..."} (comment optional).""", ct);
        if (decision is null)
        {
            return error!;
        }

        if (string.IsNullOrWhiteSpace(decision.Reviewer))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid decision", "The body needs approved (true/false) and reviewer.");
        }

        var attempt = ApprovalEndpoints.Attempt(http, id, decision.Reviewer, decision.Approved, decision.Comment, ApprovalChannel.Api);
        return ApprovalEndpoints.ToHttp(await approvals.DecideAsync(attempt, ct));
    }

    private static async Task<IResult> CancelAsync(string id, string? reason, DurableTaskClient client, CancellationToken ct)
    {
        if (await FindRunAsync(client, id, ct) is not { } instance)
        {
            return NotFound(id);
        }

        if (instance.IsCompleted)
        {
            return Problem(StatusCodes.Status410Gone, "Run has finished", $"Run '{id}' is {instance.RuntimeStatus}.");
        }

        await client.TerminateInstanceAsync(id, reason ?? "cancelled", ct);
        return Results.Accepted();
    }

    private static async Task<OrchestrationMetadata?> FindRunAsync(DurableTaskClient client, string id, CancellationToken ct) =>
        await client.GetInstanceAsync(id, true, ct) is { Name: PipelineRunOrchestrator.Name } instance ? instance : null;

    private static IResult NotFound(string id) => Problem(StatusCodes.Status404NotFound, "Run not found", $"No pipeline run '{id}'.");
}
