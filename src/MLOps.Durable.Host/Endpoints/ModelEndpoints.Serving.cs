using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Serving;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

public static partial class ModelEndpoints
{
    /// <summary>The byte limit of a predict body: room for the row limit (10,000 by default) of wide rows.</summary>
    public const int MaxPredictBytes = 16 << 20;

    private const string PredictShape = "Expected {\"rows\": [{...}, ...]} or {\"row\": {...}}, optionally with \"key\".";

    /// <summary>Body <c>{"rows": [...]}</c> or <c>{"row": {...}}</c> (+ <c>key</c>); 200 with the answering version and one answer per row.</summary>
    private static Task<IResult> PredictAsync(string name, HttpRequest request, ModelServer server, CancellationToken ct) => Guard(async () =>
    {
        using var read = await RequestBody.ReadJsonAsync(request, PredictShape, ct, MaxPredictBytes);
        if (read.Error is not null)
        {
            return read.Error;
        }

        if (read.Document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid prediction request", PredictShape);
        }

        JsonElement[] rows;
        if (root.TryGetProperty("rows", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            if (many.GetArrayLength() > server.MaxRowsPerRequest)
            {
                throw new PredictionBatchTooLargeException(many.GetArrayLength(), server.MaxRowsPerRequest);
            }

            rows = [.. many.EnumerateArray()];
        }
        else if (root.TryGetProperty("row", out var one) && one.ValueKind == JsonValueKind.Object)
        {
            rows = [one];
        }
        else
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid prediction request", PredictShape);
        }

        var key = request.Headers[RequestKeyHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(key) && root.TryGetProperty("key", out var bodyKey))
        {
            key = bodyKey.ValueKind switch
            {
                JsonValueKind.String => bodyKey.GetString(),
                JsonValueKind.Number => bodyKey.GetRawText(),
                _ => null,
            };
        }

        return Ok(await server.PredictAsync(new PredictionRequest(name, rows, key), ct));
    });

    /// <summary>Body <c>{"predictionId": "...", "actual": ...}</c>; 200 with the stored pair (the same value again is harmless).</summary>
    private static Task<IResult> FeedbackAsync(string name, HttpRequest request, IPredictionLog log, CancellationToken ct) => Guard(async () =>
    {
        using var read = await RequestBody.ReadJsonAsync(request, "Expected {\"predictionId\": \"...\", \"actual\": ...}.", ct);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var errors = new List<string>();
        Guid id = default;
        JsonElement actual = default;
        if (read.Document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            errors.Add("body: expected a JSON object {\"predictionId\": \"...\", \"actual\": ...}");
        }
        else
        {
            if (!root.TryGetProperty("predictionId", out var idValue) || idValue.ValueKind != JsonValueKind.String || !Guid.TryParse(idValue.GetString(), out id))
            {
                errors.Add($"predictionId: expected the predictionId a predict call returned (a GUID), got {(idValue.ValueKind == JsonValueKind.Undefined ? "nothing" : idValue.GetRawText())}");
            }

            if (!root.TryGetProperty("actual", out actual) || actual.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                errors.Add("actual: expected the ground truth (a class label or a number), got " + (actual.ValueKind == JsonValueKind.Null ? "null" : "nothing"));
            }
        }

        if (errors.Count > 0)
        {
            return Invalid("Invalid feedback", errors);
        }

        if (await log.FindAsync(id, ct) is not { } logged || !string.Equals(logged.Prediction.Model, name, StringComparison.Ordinal))
        {
            throw new PredictionNotFoundException(id);
        }

        var feedback = await log.RecordFeedbackAsync(id, actual, ct);
        return Ok(new
        {
            predictionId = id,
            model = feedback.Prediction.Model,
            version = feedback.Prediction.Version,
            alias = feedback.Prediction.Alias,
            actual = JsonDocument.Parse(feedback.ActualJson).RootElement,
            receivedAt = feedback.ReceivedAt,
        });
    });

    /// <summary>Runs a handler, turning the registry's and serving's own errors into ProblemDetails with their status.</summary>
    private static async Task<IResult> Guard(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (InvalidPredictionInputException ex)
        {
            return Invalid("Invalid prediction rows", ex.Errors, ex.ErrorCount);
        }
        catch (Exception ex) when (Status(ex) is { } status)
        {
            return Problem(status, Title(status), ex.Message);
        }
    }

    private static int? Status(Exception exception) => exception switch
    {
        PredictionBatchTooLargeException => StatusCodes.Status413PayloadTooLarge,
        ModelNotFoundException or ModelVersionNotFoundException or ModelAliasNotFoundException or PredictionNotFoundException => StatusCodes.Status404NotFound,
        ModelRegistryConflictException or ModelNotServingException or PredictionConflictException => StatusCodes.Status409Conflict,
        InvalidRegistryRequestException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    private static string Title(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status413PayloadTooLarge => "Too many rows",
        _ => "Invalid request",
    };

    private static IResult Invalid(string title, IReadOnlyList<string> errors, int? errorCount = null)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = string.Join("; ", errors) + (errorCount > errors.Count ? $"; and {errorCount - errors.Count} more" : string.Empty),
        };
        problem.Extensions["errors"] = errors;
        problem.Extensions["errorCount"] = errorCount ?? errors.Count;
        return TypedResults.Problem(problem);
    }
}
