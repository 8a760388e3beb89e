using System.Text.Json.Serialization;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>What became of a decision (stored by its lowercase name).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalAuditResult>))]
public enum ApprovalAuditResult
{
    /// <summary>The run's first accepted decision: handed to the run.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted,

    /// <summary>The same answer as the accepted decision: answered as before, nothing raised again.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate,

    /// <summary>The other answer after an accepted decision: refused with 409.</summary>
    [JsonStringEnumMemberName("conflict")]
    Conflict,

    /// <summary>Refused before deciding (not a reviewer, bad or expired link, finished run, not waiting); the entry's reason says which.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,
}
