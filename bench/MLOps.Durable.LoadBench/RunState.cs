using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.LoadBench;

/// <summary>A run as the bench reads it from <c>GET /api/runs</c>.</summary>
/// <param name="Id">The run (orchestration instance) id.</param>
/// <param name="Status">deployed, rejected, or the orchestration's runtime status (Running, Failed, ...).</param>
/// <param name="Stage">The stage it is at or ended in.</param>
/// <param name="Progress">The stage's progress text.</param>
/// <param name="Created">When the host created the instance.</param>
/// <param name="LastUpdated">Its last update; for a finished run, the completion.</param>
/// <param name="Failure">The failure details of a failed run.</param>
/// <param name="ModelVersion">The version a deployed run registered.</param>
internal sealed record RunState(
    string Id, string Status, string? Stage, string? Progress, DateTimeOffset Created, DateTimeOffset LastUpdated, string? Failure, int? ModelVersion = null)
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
        (string?)run["failure"],
        (int?)run["outcome"]?["modelVersion"]);
}
