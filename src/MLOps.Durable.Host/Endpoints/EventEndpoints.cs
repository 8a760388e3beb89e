using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using MLOps.Durable.Host.Events;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// The local event topic: <c>POST /api/events/topic</c> speaks Event Grid's CloudEvents protocol (key in the
/// <c>aeg-sas-key</c> header, a JSON array of CloudEvents 1.0), so EventGridPublisherClient works against it;
/// <c>GET /api/events</c> (function key) lists what it stored.
/// </summary>
public static class EventEndpoints
{
    /// <summary>Largest batch body accepted (Event Grid's own limit is 1 MB).</summary>
    public const int MaxBatchBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder routes, string prefix)
    {
        routes.MapPost(prefix + "/events/topic", PublishAsync)
            .WithName("PublishEvents")
            .WithSummary("The local topic: accepts a JSON array of CloudEvents 1.0 (Event Grid's CloudEvents protocol, at most 1 MB).")
            .WithDescription("Authenticated by the topic key in the aeg-sas-key header, not by a function key. 400 names the first bad event.")
            .WithTags("Events")
            .DocumentRequestBody<JsonElement[]>(required: true, "application/cloudevents-batch+json", "application/json")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.TopicKeyScheme, context.Document)] = [] }];
                return Task.CompletedTask;
            });
        routes.MapGet(prefix + "/events", (LocalEventTopic topic, string? type, string? subject, int? top) =>
            Results.Ok(topic.Query(type, subject, top ?? 100)))
            .RequireKey(AuthorizationLevel.Function)
            .WithName("ListEvents")
            .WithSummary("The events the local topic stored, oldest first, filtered by type and subject (top: default 100).")
            .WithTags("Events")
            .Produces<IReadOnlyList<JsonObject>>(StatusCodes.Status200OK);
        return routes;
    }

    private static async Task<IResult> PublishAsync(HttpRequest request, LocalEventTopic topic, EventTopicKey topicKey, CancellationToken ct)
    {
        var expected = Encoding.UTF8.GetBytes(await topicKey.GetAsync());
        var presented = Encoding.UTF8.GetBytes(request.Headers["aeg-sas-key"].FirstOrDefault() ?? string.Empty);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return Problem(StatusCodes.Status401Unauthorized, "Missing or wrong topic key", "Send the local topic key in the aeg-sas-key header (printed at start).");
        }

        const string shape = "Expected a JSON array of CloudEvents 1.0.";
        using var read = await RequestBody.ReadJsonAsync(request, shape, ct, MaxBatchBytes);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var body = read.Document is { } document ? JsonNode.Parse(document.RootElement.GetRawText()) : null;
        var events = body switch
        {
            JsonArray array => array.ToList(),
            JsonObject single => [single],
            _ => null,
        };
        if (events is null || events.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No events", shape);
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (LocalEventTopic.Problem(events[i]) is { } problem)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid CloudEvent", $"events[{i}]: {problem}.");
            }
        }

        await topic.AcceptAsync([.. events.Select(e => (JsonObject)e!.DeepClone())], ct);
        return Results.Ok();
    }
}
