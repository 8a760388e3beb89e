using System.Text.Json.Serialization;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>The body Durable Functions returns for a started instance: where to poll it and control it.</summary>
public sealed record CheckStatusResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("restartPostUri")] string RestartPostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("rewindPostUri")] string RewindPostUri)
{
    /// <summary>Absolute URLs built from the request's scheme and host, as the Functions host builds them.</summary>
    public static CheckStatusResponse For(HttpRequest request, string instanceId)
    {
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{DurableTaskManagementEndpoints.Root}/instances/{Uri.EscapeDataString(instanceId)}";
        // The key that authorized this request goes into the URLs, so that they work as given.
        var key = request.Query["code"].FirstOrDefault() ?? request.Headers[Security.KeyAuthorization.KeyHeader].FirstOrDefault();
        var code = key is { Length: > 0 } ? "code=" + Uri.EscapeDataString(key) : null;
        string With(string path, string? query = null)
        {
            var parts = new[] { query, code }.Where(p => p is not null).ToArray();
            return parts.Length == 0 ? instance + path : $"{instance}{path}?{string.Join('&', parts)}";
        }

        return new CheckStatusResponse(
            instanceId,
            With(string.Empty),
            With("/raiseEvent/{eventName}"),
            With("/terminate", "reason={text}"),
            With(string.Empty),
            With("/restart"),
            With("/suspend", "reason={text}"),
            With("/resume", "reason={text}"),
            With("/rewind", "reason={text}"));
    }
}
