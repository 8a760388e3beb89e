using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Host.Tests.Recovery;

/// <summary>
/// Checks on an instance's history read through the Durable HTTP API (<c>showHistory=true</c>): every scheduled
/// activity has exactly one result, nothing failed, and each activity name ran the expected number of times.
/// </summary>
internal static class RunHistoryAssertions
{
    /// <summary>Whether a run as <c>/api/runs</c> shows it has finished: not Pending, Running or Suspended.</summary>
    public static bool IsFinished(JsonNode run) => (string?)run["status"] is not ("Pending" or "Running" or "Suspended");

    /// <summary>The current execution's history events of <paramref name="instanceId"/>.</summary>
    public static async Task<JsonArray> HistoryAsync(HostProcess host, string instanceId, CancellationToken cancellationToken)
    {
        var status = await host.Http.GetFromJsonAsync<JsonObject>(
            $"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}?showHistory=true", cancellationToken);
        return status!["historyEvents"]!.AsArray();
    }

    /// <summary>
    /// Each <c>TaskScheduled</c> has exactly one <c>TaskCompleted</c> (no <c>TaskFailed</c>, so no retry hid a
    /// failure) and each completion answers a scheduled task; returns how many times each activity name ran.
    /// With <paramref name="allowOpen"/> (an instance still running), a scheduled task may still wait for its result.
    /// </summary>
    public static Dictionary<string, int> AssertEachTaskCompletedOnce(JsonArray history, string instanceId, bool allowOpen = false)
    {
        var scheduled = history.Where(e => (string?)e!["EventType"] == "TaskScheduled").ToDictionary(e => (int)e!["EventId"]!, e => (string)e!["Name"]!);
        var failed = history.Where(e => (string?)e!["EventType"] == "TaskFailed").Select(e => $"#{(int)e!["TaskScheduledId"]!} {(string?)e["FunctionName"]}").ToList();
        Assert.True(failed.Count == 0, $"'{instanceId}': activities failed (and were retried): {string.Join(", ", failed)}");
        var completed = history.Where(e => (string?)e!["EventType"] == "TaskCompleted").Select(e => (int)e!["TaskScheduledId"]!).ToList();
        var duplicates = completed.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"#{g.Key} x{g.Count()}").ToList();
        Assert.True(duplicates.Count == 0, $"'{instanceId}': completed more than once: {string.Join(", ", duplicates)}");
        var unknown = completed.Where(id => !scheduled.ContainsKey(id)).ToList();
        Assert.True(unknown.Count == 0, $"'{instanceId}': completions of tasks never scheduled: {string.Join(", ", unknown)}");
        var open = scheduled.Keys.Except(completed).Select(id => $"#{id} {scheduled[id]}").ToList();
        Assert.True(allowOpen || open.Count == 0, $"'{instanceId}': scheduled but never completed: {string.Join(", ", open)}");
        return completed.GroupBy(id => scheduled[id]).ToDictionary(g => g.Key, g => g.Count());
    }
}
