using System.Globalization;
using MLOps.Durable.Client;
using MLOps.Durable.Storage;
using static MLOps.Durable.Host.Endpoints.HttpProblems;

namespace MLOps.Durable.Host.Endpoints;

public static partial class DurableTaskManagementEndpoints
{
    private const string ContinuationHeader = "x-ms-continuation-token";

    private static async Task<IResult> QueryAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var (filter, error) = ReadFilter(request);
        if (error is not null)
        {
            return error;
        }

        var top = 100;
        if (request.Query.TryGetValue("top", out var topText)
            && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top < 1))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid query", $"top: '{topText}' is not valid; expected a positive integer.");
        }

        var showInput = request.Query.TryGetValue("showInput", out var showInputText) && bool.TryParse(showInputText, out var show) && show;
        var query = new InstanceQuery
        {
            Statuses = filter.Statuses,
            CreatedFrom = filter.CreatedFrom,
            CreatedTo = filter.CreatedTo,
            InstanceIdPrefix = request.Query["instanceIdPrefix"].FirstOrDefault(),
            PageSize = top,
            ContinuationToken = request.Headers[ContinuationHeader].FirstOrDefault() is { Length: > 0 } token ? token : null,
            FetchInputsAndOutputs = true,
        };

        try
        {
            var (instances, next) = await client.GetInstancesPageAsync(query, ct);
            if (next is not null)
            {
                request.HttpContext.Response.Headers[ContinuationHeader] = next;
            }

            return Results.Json(instances.Select(i => InstanceStatusJson.Status(i, showInput, null, false)).ToList());
        }
        catch (ArgumentException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid continuation token", ex.Message);
        }
    }

    private static async Task<IResult> PurgeManyAsync(HttpRequest request, DurableTaskClient client, CancellationToken ct)
    {
        var (filter, error) = ReadFilter(request);
        if (error is not null)
        {
            return error;
        }

        if (filter.CreatedFrom is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid query", "createdTimeFrom is required to purge instances by filter.");
        }

        var result = await client.PurgeAllInstancesAsync(new PurgeFilter(filter.CreatedFrom, filter.CreatedTo, filter.Statuses), ct);
        return result.PurgedInstanceCount == 0
            ? Problem(StatusCodes.Status404NotFound, "No instances purged", "No finished instance matched the filter.")
            : Results.Ok(new { instancesDeleted = result.PurgedInstanceCount });
    }

    private static ((IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses, DateTimeOffset? CreatedFrom, DateTimeOffset? CreatedTo) Filter, IResult? Error)
        ReadFilter(HttpRequest request)
    {
        DateTimeOffset? from = null, to = null;
        foreach (var (name, assign) in new (string, Action<DateTimeOffset>)[] { ("createdTimeFrom", t => from = t), ("createdTimeTo", t => to = t) })
        {
            if (request.Query.TryGetValue(name, out var text) && text.ToString().Length > 0)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return (default, Problem(StatusCodes.Status400BadRequest, "Invalid query",
                        $"{name}: '{text}' is not a date and time; expected ISO 8601 such as 2026-01-31T00:00:00Z."));
                }

                assign(time);
            }
        }

        List<OrchestrationRuntimeStatus>? statuses = null;
        if (request.Query.TryGetValue("runtimeStatus", out var statusText))
        {
            statuses = [];
            foreach (var part in statusText.SelectMany(s => (s ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || !Enum.IsDefined(status)
                    || status == OrchestrationRuntimeStatus.ContinuedAsNew)
                {
                    return (default, Problem(StatusCodes.Status400BadRequest, "Invalid query",
                        $"runtimeStatus: '{part}' is not a status; expected a comma list of Pending, Running, Completed, Failed, Terminated, Suspended."));
                }

                statuses.Add(status);
            }
        }

        return ((statuses, from, to), null);
    }
}
