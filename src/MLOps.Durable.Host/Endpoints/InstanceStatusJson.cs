using System.Globalization;
using System.Text.Json.Nodes;
using MLOps.Durable.Client;
using MLOps.Durable.History;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>The Durable Functions JSON shapes of an instance's status and history.</summary>
internal static class InstanceStatusJson
{
    public static JsonObject Status(OrchestrationMetadata instance, bool showInput, IReadOnlyList<HistoryEvent>? history, bool showHistoryOutput)
    {
        var status = new JsonObject
        {
            ["name"] = instance.Name,
            ["instanceId"] = instance.InstanceId,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["input"] = showInput ? Payload(instance.SerializedInput) : null,
            ["customStatus"] = Payload(instance.SerializedCustomStatus),
            ["output"] = instance.FailureDetails is { } failure && instance.SerializedOutput is null
                ? JsonValue.Create(failure.ToString())
                : Payload(instance.SerializedOutput),
            ["createdTime"] = Time(instance.CreatedAt),
            ["lastUpdatedTime"] = Time(instance.LastUpdatedAt),
        };
        if (history is not null)
        {
            var events = History(history, showHistoryOutput);
            status["historyEvents"] = events;
            status["history"] = events.DeepClone();
        }

        return status;
    }

    /// <summary>History as Durable Functions shows it: PascalCase events, without the episode markers.</summary>
    public static JsonArray History(IReadOnlyList<HistoryEvent> history, bool showOutput)
    {
        var scheduled = history.OfType<TaskScheduled>().ToDictionary(t => t.EventId);
        var subOrchestrations = history.OfType<SubOrchestrationInstanceCreated>().ToDictionary(s => s.EventId);
        var array = new JsonArray();
        foreach (var e in history)
        {
            if (e is OrchestratorStarted or OrchestratorCompleted)
            {
                continue;
            }

            var item = new JsonObject { ["EventType"] = e.EventType, ["EventId"] = e.EventId, ["Timestamp"] = Time(e.Timestamp) };
            switch (e)
            {
                case ExecutionStarted s:
                    item["FunctionName"] = s.Name;
                    item["Input"] = showOutput ? Payload(s.Input) : null;
                    break;
                case TaskScheduled t:
                    item["Name"] = t.Name;
                    break;
                case TaskCompleted c:
                    item["FunctionName"] = scheduled.TryGetValue(c.TaskScheduledId, out var ts) ? ts.Name : null;
                    item["ScheduledTime"] = ts is null ? null : Time(ts.Timestamp);
                    item["TaskScheduledId"] = c.TaskScheduledId;
                    item["Result"] = showOutput ? Payload(c.Result) : null;
                    break;
                case TaskFailed f:
                    item["FunctionName"] = scheduled.TryGetValue(f.TaskScheduledId, out var fs) ? fs.Name : null;
                    item["TaskScheduledId"] = f.TaskScheduledId;
                    item["Reason"] = f.Failure.ErrorMessage;
                    item["Details"] = f.Failure.ToString();
                    break;
                case TimerCreated tc:
                    item["FireAt"] = Time(tc.FireAt);
                    break;
                case TimerFired tf:
                    item["TimerId"] = tf.TimerId;
                    item["FireAt"] = Time(tf.FireAt);
                    break;
                case EventRaised r:
                    item["Name"] = r.Name;
                    item["Input"] = showOutput ? Payload(r.Input) : null;
                    break;
                case EventSent es:
                    item["Name"] = es.Name;
                    item["InstanceId"] = es.InstanceId;
                    break;
                case SubOrchestrationInstanceCreated sc:
                    item["FunctionName"] = sc.Name;
                    item["InstanceId"] = sc.InstanceId;
                    break;
                case SubOrchestrationInstanceCompleted scc:
                    item["FunctionName"] = subOrchestrations.TryGetValue(scc.TaskScheduledId, out var so) ? so.Name : null;
                    item["Result"] = showOutput ? Payload(scc.Result) : null;
                    break;
                case SubOrchestrationInstanceFailed sf:
                    item["FunctionName"] = subOrchestrations.TryGetValue(sf.TaskScheduledId, out var sfo) ? sfo.Name : null;
                    item["Reason"] = sf.Failure.ErrorMessage;
                    break;
                case ExecutionCompleted ec:
                    item["OrchestrationStatus"] = "Completed";
                    item["Result"] = showOutput ? Payload(ec.Result) : null;
                    break;
                case ExecutionFailed ef:
                    item["OrchestrationStatus"] = "Failed";
                    item["Reason"] = ef.Failure.ErrorMessage;
                    item["Details"] = ef.Failure.ToString();
                    break;
                case ExecutionTerminated et:
                    item["OrchestrationStatus"] = "Terminated";
                    item["Reason"] = et.Reason;
                    break;
                case ExecutionSuspended su:
                    item["Reason"] = su.Reason;
                    break;
                case ExecutionResumed re:
                    item["Reason"] = re.Reason;
                    break;
            }

            array.Add(item);
        }

        return array;
    }

    /// <summary>A stored JSON payload as a JSON node (a string when it is not JSON).</summary>
    public static JsonNode? Payload(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
