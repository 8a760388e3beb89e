using System.Text.Json;

namespace MLOps.Durable.Pipelines.Events;

/// <summary>
/// One lifecycle event, published as a CloudEvent 1.0 (<see cref="Type"/>, <see cref="Subject"/>, JSON
/// <see cref="Data"/>). Ids are stable per run and position, so a retried publish repeats the same id and
/// subscribers can drop the duplicate.
/// </summary>
public sealed record PipelineEvent(string Id, string Type, string Subject, DateTimeOffset Time, JsonElement Data)
{
    /// <summary>An event with <paramref name="data"/> serialized as camelCase JSON.</summary>
    public static PipelineEvent Create(string id, string type, string subject, DateTimeOffset time, object data) =>
        new(id, type, subject, time, JsonSerializer.SerializeToElement(data, JsonSerializerOptions.Web));
}
