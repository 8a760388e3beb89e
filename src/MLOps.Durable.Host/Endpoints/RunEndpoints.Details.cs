using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Artifacts;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

public static partial class RunEndpoints
{
    /// <summary>
    /// What a run's detail page needs beyond <c>GET /api/runs/{id}</c>: its orchestration history (the management
    /// API shows it too, but only with the master key) and the files its stages stored (reports, approval request).
    /// Only pipeline runs are served, so a function key reads no other orchestration's history this way.
    /// </summary>
    private static void MapDetailEndpoints(RouteGroupBuilder api)
    {
        api.MapGet("runs/{id}/history", HistoryAsync)
            .WithName("GetRunHistory")
            .WithSummary("The run's orchestration history with inputs and results, in the Durable Functions shape (as showHistory=true&showHistoryOutput=true).")
            .Produces<IReadOnlyList<object>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("runs/{id}/artifacts", ArtifactsAsync)
            .WithName("ListRunArtifacts")
            .WithSummary("The files the run's stages stored (profile, validation and evaluation reports, approval request, models), ordered by name.")
            .Produces<IReadOnlyList<ArtifactInfo>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("runs/{id}/artifacts/{**name}", ArtifactAsync)
            .WithName("GetRunArtifact")
            .WithSummary("One stored file of the run (name as listed, '/' between folders): JSON as application/json, others as octet-stream.")
            .Produces<object>(StatusCodes.Status200OK, "application/json", "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> HistoryAsync(string id, DurableTaskClient client, CancellationToken ct)
    {
        if (await FindRunAsync(client, id, ct) is null)
        {
            return NotFound(id);
        }

        return Results.Json(InstanceStatusJson.History(await client.GetHistoryAsync(id, ct), showOutput: true));
    }

    private static async Task<IResult> ArtifactsAsync(string id, DurableTaskClient client, IArtifactStore artifacts, CancellationToken ct)
    {
        if (await FindRunAsync(client, id, ct) is null)
        {
            return NotFound(id);
        }

        return Results.Ok(await artifacts.ListAsync(id, ct));
    }

    private static async Task<IResult> ArtifactAsync(string id, string name, DurableTaskClient client, IArtifactStore artifacts, CancellationToken ct)
    {
        if (await FindRunAsync(client, id, ct) is null)
        {
            return NotFound(id);
        }

        try
        {
            var bytes = await artifacts.ReadAllBytesAsync(id, name, ct);
            return Results.Bytes(bytes, name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/octet-stream");
        }
        catch (InvalidArtifactPathException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid artifact name", ex.Message);
        }
        catch (ArtifactNotFoundException ex)
        {
            return Problem(StatusCodes.Status404NotFound, "Artifact not found", ex.Message);
        }
    }
}
