using System.Text.Json.Nodes;
using MLOps.Durable.Pipelines.Events;

namespace MLOps.Durable.Host.Events;

/// <summary>CloudEvents 1.0 JSON for a pipeline event (structured mode).</summary>
internal static class CloudEventJson
{
    public static JsonObject From(PipelineEvent pipelineEvent, string source) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = pipelineEvent.Id,
        ["source"] = source,
        ["type"] = pipelineEvent.Type,
        ["subject"] = pipelineEvent.Subject,
        ["time"] = pipelineEvent.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["datacontenttype"] = "application/json",
        ["data"] = JsonNode.Parse(pipelineEvent.Data.GetRawText()),
    };
}
