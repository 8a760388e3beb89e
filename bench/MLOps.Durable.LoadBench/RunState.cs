using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.LoadBench;

/// <summary>A run as the bench reads it from <c>GET /api/runs</c>.</summary>
internal sealed record RunState(string Id, string Status, string? Stage, string? Progress, DateTimeOffset Created, DateTimeOffset LastUpdated, string? Failure)
{
    /// <summary>Terminal: deployed, rejected, Failed, Terminated (not Running, Pending or Suspended).</summary>
    public bool Finished => Status is not ("Running" or "Pending" or "Suspended" or "not listed");

    /// <summary>Creation to the last update, which for a finished run is its completion (both the host's clock).</summary>
    public TimeSpan Duration => LastUpdated - Created;

    public static RunState Of(JsonNode run) => new(
        (string)run["id"]!,
        (string)run["status"]!,
        (string?)run["stage"],
        (string?)run["progress"],
        run["createdTime"].Deserialize<DateTimeOffset>(),
        run["lastUpdatedTime"].Deserialize<DateTimeOffset>(),
        (string?)run["failure"]);
}
