using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using MLOps.Durable.Client;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Storage;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// The Durable Functions HTTP management API under <c>/runtime/webhooks/durabletask</c>: same routes, status
/// codes, headers and JSON as the extension, so its clients work unchanged.
/// </summary>
public static partial class DurableTaskManagementEndpoints
{
    /// <summary>The route prefix of the API.</summary>
    public const string Root = "/runtime/webhooks/durabletask";

    /// <summary>The OpenAPI tag of these routes.</summary>
    public const string Tag = "Durable Task management";

    /// <summary>Seconds a client should wait before polling again (the extension sends 10).</summary>
    public const int RetryAfterSeconds = 10;

    public static IEndpointRouteBuilder MapDurableTaskManagementEndpoints(this IEndpointRouteBuilder routes, AuthorizationLevel level = AuthorizationLevel.Admin)
    {
        var api = routes.MapGroup(Root).RequireKey(level).WithTags(Tag);
        api.MapPost("orchestrators/{functionName}/{instanceId?}", StartAsync)
            .WithName("StartOrchestration")
            .WithSummary("Starts an orchestration with the JSON body as input; 202 the check-status URLs with Location and Retry-After.")
            .WithDescription("With timeout (seconds), waits for the instance and answers 200 with its output when it finishes in time. 400 unknown orchestrator or a body that is not JSON; 409 an instance with that id is running.")
            .DocumentRequestBody<object>(required: false, "application/json")
            .Produces<CheckStatusResponse>(StatusCodes.Status202Accepted)
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("instances/{instanceId}", GetStatusAsync)
            .WithName("GetInstanceStatus")
            .WithSummary("An instance's status (optionally with history); 200 finished, 202 running (Location, Retry-After), 500 failed with returnInternalServerErrorOnFailure.")
            .Produces<object>(StatusCodes.Status200OK)
            .Produces<object>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<object>(StatusCodes.Status500InternalServerError);
        api.MapGet("instances", QueryAsync)
            .WithName("ListInstances")
            .WithSummary("Instance statuses, filtered by instanceIdPrefix, createdTimeFrom, createdTimeTo, runtimeStatus (a,b), with showInput and top.")
            .WithDescription("The next page is asked for with the x-ms-continuation-token response header sent back as a request header.")
            .Produces<IReadOnlyList<object>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync)
            .WithName("RaiseInstanceEvent")
            .WithSummary("Raises an external event with the JSON body as its data.")
            .DocumentRequestBody<object>(required: false, "application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapPost("instances/{instanceId}/terminate", (DurableTaskClient client, string instanceId, string? reason, CancellationToken ct) =>
            ControlAsync(() => client.TerminateInstanceAsync(instanceId, reason, ct)))
            .WithControlMetadata("TerminateInstance", "Terminates a running instance.");
        api.MapPost("instances/{instanceId}/suspend", (DurableTaskClient client, string instanceId, string? reason, CancellationToken ct) =>
            ControlAsync(() => client.SuspendInstanceAsync(instanceId, reason, ct)))
            .WithControlMetadata("SuspendInstance", "Suspends a running instance.");
        api.MapPost("instances/{instanceId}/resume", (DurableTaskClient client, string instanceId, string? reason, CancellationToken ct) =>
            ControlAsync(() => client.ResumeInstanceAsync(instanceId, reason, ct)))
            .WithControlMetadata("ResumeInstance", "Resumes a suspended instance.");
        api.MapPost("instances/{instanceId}/rewind", (DurableTaskClient client, string instanceId, string? reason, CancellationToken ct) =>
            ControlAsync(() => client.RewindInstanceAsync(instanceId, reason, ct)))
            .WithControlMetadata("RewindInstance", "Runs a Failed instance on from its last good state (failed activities and sub-orchestrations again); 410 when it finished without failing.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("instances/{instanceId}/restart", RestartAsync)
            .WithName("RestartInstance")
            .WithSummary("Starts a finished instance again with its input (restartWithNewInstanceId for a new id); 202 the check-status URLs.")
            .Produces<CheckStatusResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("instances/{instanceId}", PurgeAsync)
            .WithName("PurgeInstance")
            .WithSummary("Deletes a finished instance and its history; 200 {instancesDeleted}.")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("instances", PurgeManyAsync)
            .WithName("PurgeInstances")
            .WithSummary("Deletes the finished instances matching createdTimeFrom (required), createdTimeTo and runtimeStatus; 200 {instancesDeleted}.")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> StartAsync(
        HttpRequest request, DurableTaskClient client, string functionName, string? instanceId, int? timeout, int? pollingInterval, CancellationToken ct)
    {
        var (input, error) = await ReadJsonBodyAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions(instanceId), ct);
            if (timeout is > 0)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                wait.CancelAfter(TimeSpan.FromSeconds(timeout.Value));
                try
                {
                    var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, wait.Token);
                    return Results.Content(done.SerializedOutput ?? "null", "application/json", statusCode: StatusCodes.Status200OK);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Not done in time: fall back to the check-status response.
                }
            }

            return Accepted(request, id);
        }
        catch (TaskNotRegisteredException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Unknown orchestrator", ex.Message);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "Instance already exists", ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid instance id", ex.Message);
        }
    }

    private static async Task<IResult> GetStatusAsync(
        HttpRequest request,
        DurableTaskClient client,
        string instanceId,
        bool? showHistory,
        bool? showHistoryOutput,
        bool? showInput,
        bool? returnInternalServerErrorOnFailure,
        CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct);
        if (instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Instance not found", $"No orchestration instance with id '{instanceId}' exists.");
        }

        var history = showHistory == true ? await client.GetHistoryAsync(instanceId, ct) : null;
        var body = InstanceStatusJson.Status(instance, showInput ?? true, history, showHistoryOutput == true);
        if (!instance.IsCompleted)
        {
            request.HttpContext.Response.Headers.Location = CheckStatusResponse.For(request, instanceId).StatusQueryGetUri;
            request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Json(body, statusCode: StatusCodes.Status202Accepted);
        }

        var failed = instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && returnInternalServerErrorOnFailure == true;
        return Results.Json(body, statusCode: failed ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK);
    }

    private static async Task<IResult> RaiseEventAsync(HttpRequest request, DurableTaskClient client, string instanceId, string eventName, CancellationToken ct)
    {
        var (data, error) = await ReadJsonBodyAsync(request, ct);
        return error ?? await ControlAsync(() => client.RaiseEventAsync(instanceId, eventName, data, ct));
    }

    private static async Task<IResult> RestartAsync(
        HttpRequest request, DurableTaskClient client, string instanceId, bool? restartWithNewInstanceId, CancellationToken ct)
    {
        try
        {
            var id = await client.RestartAsync(instanceId, restartWithNewInstanceId == true, ct);
            return Accepted(request, id);
        }
        catch (InstanceNotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, "Instance not found", ex.Message);
        }
        catch (Exception ex) when (ex is InstanceNotTerminalException or OrchestrationAlreadyExistsException)
        {
            return Problem(StatusCodes.Status409Conflict, "Instance is still running", ex.Message);
        }
    }

    private static async Task<IResult> PurgeAsync(DurableTaskClient client, string instanceId, CancellationToken ct)
    {
        try
        {
            var result = await client.PurgeInstanceAsync(instanceId, ct);
            return result.PurgedInstanceCount == 0
                ? Problem(StatusCodes.Status404NotFound, "Instance not found", $"No orchestration instance with id '{instanceId}' exists.")
                : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
        }
        catch (InstanceNotTerminalException ex)
        {
            return Problem(StatusCodes.Status409Conflict, "Instance is still running", ex.Message);
        }
    }

    private static async Task<IResult> ControlAsync(Func<Task> operation)
    {
        try
        {
            await operation();
            return Results.Accepted();
        }
        catch (InstanceNotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, "Instance not found", ex.Message);
        }
        catch (InstanceNotRunningException ex)
        {
            return Problem(StatusCodes.Status410Gone, "Instance has finished", ex.Message);
        }
        catch (InstanceNotFailedException ex)
        {
            // Rewind: a finished instance that did not fail is gone for this purpose; a live one conflicts.
            return ex.Status.IsTerminal()
                ? Problem(StatusCodes.Status410Gone, "Instance did not fail", ex.Message)
                : Problem(StatusCodes.Status409Conflict, "Instance is still running", ex.Message);
        }
    }

    private static IResult Accepted(HttpRequest request, string instanceId)
    {
        var body = CheckStatusResponse.For(request, instanceId);
        request.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return Results.Accepted(body.StatusQueryGetUri, body);
    }

    /// <summary>OpenAPI metadata shared by terminate, suspend, resume and rewind: 202, 404, 410.</summary>
    private static RouteHandlerBuilder WithControlMetadata(this RouteHandlerBuilder builder, string name, string summary) => builder
        .WithName(name)
        .WithSummary(summary + " The reason query parameter is recorded with it.")
        .Produces(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status410Gone);

    /// <summary>The body as JSON (null when empty), or the 400/413 answer; the value outlives the request.</summary>
    private static async Task<(JsonElement? Value, IResult? Error)> ReadJsonBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var read = await RequestBody.ReadJsonAsync(request, "The body is the orchestration input or event data, as any JSON value.", ct);
        return (read.Document?.RootElement.Clone(), read.Error);
    }
}
