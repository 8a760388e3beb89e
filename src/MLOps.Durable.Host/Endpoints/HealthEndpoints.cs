using MLOps.Durable.Storage;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Host.Endpoints;

/// <summary><c>GET /api/health</c>: the store answers and the worker runs (for probes).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapGet(prefix + "/health", async (IDurableStore store, DurableTaskWorker worker, CancellationToken cancellationToken) =>
        {
            var workerRunning = worker.ExecuteTask is { IsCompleted: false };
            string storeState;
            try
            {
                await store.QueryInstancesAsync(new InstanceQuery { PageSize = 1 }, cancellationToken);
                storeState = "reachable";
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                storeState = "unreachable: " + ex.Message;
            }

            var healthy = workerRunning && storeState == "reachable";
            var body = new { status = healthy ? "Healthy" : "Unhealthy", store = storeState, worker = workerRunning ? "running" : "stopped" };
            return healthy ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        })
            .WithName("GetHealth")
            .WithSummary("Whether the store answers and the worker runs (for probes).")
            .WithTags("Health")
            .Produces<object>(StatusCodes.Status200OK)
            .Produces<object>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }
}
