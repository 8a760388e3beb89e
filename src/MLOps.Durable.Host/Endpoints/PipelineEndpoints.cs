using Microsoft.AspNetCore.Mvc;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Definitions;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// <c>/api/pipelines</c>: the pipelines loaded from workflows/ (and why the others were not),
/// one pipeline, and validation of a definition sent in the body. Function-level key.
/// </summary>
public static class PipelineEndpoints
{
    /// <summary>Largest definition accepted by the validate route.</summary>
    public const int MaxDefinitionBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapPipelineEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        var api = routes.MapGroup(prefix + "/pipelines").RequireKey(AuthorizationLevel.Function).WithTags("Pipelines");
        api.MapGet(string.Empty, (PipelineCatalog catalog, HostPaths paths) => TypedResults.Ok(new
        {
            pipelines = catalog.Pipelines.Select(p => PipelineView.Summary(p, paths)),
            errors = catalog.Errors.Select(e => PipelineView.Error(e, paths)),
        }))
            .WithName("ListPipelines")
            .WithSummary("The pipelines loaded from workflows/*.pipeline.yaml and, for the others, file:line:column: field: message.")
            .Produces<object>(StatusCodes.Status200OK);
        api.MapGet("{name}", (string name, PipelineCatalog catalog, HostPaths paths) =>
            catalog.Find(name) is { } pipeline
                ? Results.Ok(PipelineView.Full(pipeline, paths))
                : Problem(StatusCodes.Status404NotFound, "Pipeline not found", $"No pipeline '{name}'. Loaded: {string.Join(", ", catalog.Pipelines.Select(p => p.Name))}."))
            .WithName("GetPipeline")
            .WithSummary("One pipeline's definition (durations as written, e.g. 72h; paths relative to the content root).")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("validate", ValidateAsync)
            .WithName("ValidatePipeline")
            .WithSummary("Checks a pipeline definition sent as the YAML body (at most 1 MB).")
            .WithDescription("400 lists every problem in errors[] with the line and column in the body, the field and the message.")
            .DocumentRequestBody<string>(required: true, "application/yaml", "text/yaml", "text/plain")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return routes;
    }

    /// <summary>Checks a definition sent as the body (YAML); relative data paths resolve against workflows/.</summary>
    private static async Task<IResult> ValidateAsync(HttpRequest request, HostPaths paths, CancellationToken cancellationToken)
    {
        var (yaml, error) = await RequestBody.ReadTextAsync(request, MaxDefinitionBytes, cancellationToken);
        if (yaml is null)
        {
            return error!;
        }

        var file = Path.Combine(paths.Workflows, "request.pipeline.yaml");
        try
        {
            var pipeline = PipelineDefinitionReader.Parse(yaml, file, filesUnder: paths.Workflows);
            return Results.Ok(new { valid = true, pipeline = PipelineView.Full(pipeline, paths) });
        }
        catch (PipelineDefinitionException ex)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid pipeline definition",
                Detail = $"{ex.Errors.Count} problem(s); see errors (line and column in the request body).",
            };
            problem.Extensions["errors"] = ex.Errors.Select(e => new { e.Line, e.Column, e.Field, e.Message }).ToList();
            return TypedResults.Problem(problem);
        }
    }
}
