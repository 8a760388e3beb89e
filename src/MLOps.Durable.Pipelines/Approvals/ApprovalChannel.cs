using System.Text.Json.Serialization;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>How a decision reached the host (stored as <c>link</c> or <c>api</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalChannel>))]
public enum ApprovalChannel
{
    /// <summary>A reviewer's signed link (anonymous; the token is the credential).</summary>
    [JsonStringEnumMemberName("link")]
    Link,

    /// <summary>The run API with a function key.</summary>
    [JsonStringEnumMemberName("api")]
    Api,
}
