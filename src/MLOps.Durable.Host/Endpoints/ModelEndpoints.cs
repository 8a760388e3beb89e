using System.Text.Json;
using System.Text.Json.Serialization;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Serving;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// <c>/api/models</c>: the registry (models, versions with lineage and metrics, aliases, audit trail), promote and
/// rollback, and serving: predict with the production or canary version, and ground-truth feedback. Function-level key.
/// </summary>
public static partial class ModelEndpoints
{
    /// <summary>The header with the routing key that keeps a caller on one version (the body's <c>key</c> otherwise).</summary>
    public const string RequestKeyHeader = "x-request-key";

    /// <summary>The header naming who promotes or rolls back, for the audit trail ("api" when absent).</summary>
    public const string ActorHeader = "x-actor";

    /// <summary>camelCase, enums as camelCase strings, nulls left out (a classification answer has no value).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string ChangeDescription = "Optional body {\"reason\": \"...\"}; the actor for the audit trail from the " + ActorHeader + " header (else api).";

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        var api = routes.MapGroup(prefix + "/models").RequireKey(AuthorizationLevel.Function).WithTags("Models");
        api.MapGet(string.Empty, ListAsync)
            .WithName("ListModels")
            .WithSummary("Every registered model with its latest version and aliases.")
            .Produces<IReadOnlyList<ModelSummary>>(StatusCodes.Status200OK);
        api.MapGet("{name}", GetAsync)
            .WithName("GetModel")
            .WithSummary("A model: latest version, aliases and every version with parameters, metrics, lineage and artifacts.")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("{name}/audit", AuditAsync)
            .WithName("GetModelAudit")
            .WithSummary("The model's audit entries in order; page on with after = the last sequence (top: 1-1000).")
            .Produces<IReadOnlyList<RegistryAuditEntry>>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("{name}/promote", (string name, HttpRequest request, IModelRegistry registry, CancellationToken ct) =>
            ChangeAsync(request, (actor, reason) => registry.PromoteCanaryAsync(name, actor, reason, ct), ct))
            .WithName("PromoteModel")
            .WithSummary("Makes the canary version production; 200 the new production alias.")
            .WithDescription(ChangeDescription)
            .DocumentRequestBody<object>(required: false, "application/json")
            .Produces<ModelAlias>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("{name}/rollback", (string name, HttpRequest request, IModelRegistry registry, CancellationToken ct) =>
            ChangeAsync(request, (actor, reason) => registry.RollbackAsync(name, actor, reason, ct), ct))
            .WithName("RollbackModel")
            .WithSummary("Puts production back on its previous version; 200 the production alias.")
            .WithDescription(ChangeDescription)
            .DocumentRequestBody<object>(required: false, "application/json")
            .Produces<ModelAlias>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("{name}/predict", PredictAsync)
            .WithName("PredictModel")
            .WithSummary("Predicts with the production (or canary) version: one answer per row.")
            .WithDescription(
                "Body {\"rows\": [{...}]} or {\"row\": {...}}; the routing key that keeps a caller on one version in the " +
                RequestKeyHeader + " header or the body's key. 400 lists bad rows in errors[]; 409 no production version; 413 over the row limit.")
            .DocumentRequestBody<object>(required: true, "application/json")
            .Produces<PredictionResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapPost("{name}/feedback", FeedbackAsync)
            .WithName("RecordModelFeedback")
            .WithSummary("Records the ground truth for a prediction; 200 the stored pair (the same value again is harmless).")
            .WithDescription("Body {\"predictionId\": \"...\", \"actual\": ...}. 404 unknown prediction (or another model's); 409 other feedback already recorded.")
            .DocumentRequestBody<object>(required: true, "application/json")
            .Produces<object>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static Task<IResult> ListAsync(IModelRegistry registry, CancellationToken ct) => Guard(async () =>
        Ok(await registry.GetModelsAsync(ct)));

    private static Task<IResult> GetAsync(string name, IModelRegistry registry, CancellationToken ct) => Guard(async () =>
    {
        var versions = await registry.GetVersionsAsync(name, ct);
        var aliases = await registry.GetAliasesAsync(name, ct);
        return Ok(new { model = versions[0].Model, latestVersion = versions[^1].Version, aliases, versions });
    });

    private static Task<IResult> AuditAsync(string name, long? after, int? top, IModelRegistry registry, CancellationToken ct) => Guard(async () =>
    {
        // The trail of an unknown model is empty rather than missing; ask the versions so a typo is a 404.
        await registry.GetVersionsAsync(name, ct);
        return Ok(await registry.GetAuditTrailAsync(name, Math.Max(0, after ?? 0), Math.Clamp(top ?? 1000, 1, 1000), ct));
    });

    /// <summary>Promote or rollback: the optional body <c>{"reason": "..."}</c>, the actor from <see cref="ActorHeader"/>; 200 with the new production alias.</summary>
    private static Task<IResult> ChangeAsync(HttpRequest request, Func<string, string?, Task<ModelAlias>> change, CancellationToken ct) => Guard(async () =>
    {
        string? reason = null;
        const string expected = "Expected a JSON object {\"reason\": \"...\"} or no body.";
        using var read = await RequestBody.ReadJsonAsync(request, expected, ct);
        if (read.Error is not null)
        {
            return read.Error;
        }

        if (read.Document is { } body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", expected);
            }

            if (body.RootElement.TryGetProperty("reason", out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", $"reason: expected text, got {value.ValueKind.ToString().ToLowerInvariant()}.");
            }

            reason = body.RootElement.TryGetProperty("reason", out value) ? value.GetString() : null;
        }

        var actor = request.Headers[ActorHeader].FirstOrDefault();
        return Ok(await change(string.IsNullOrWhiteSpace(actor) ? "api" : actor, reason));
    });

    private static IResult Ok<T>(T value) => TypedResults.Json(value, Json);
}
