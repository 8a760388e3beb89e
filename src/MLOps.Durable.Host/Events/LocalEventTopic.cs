using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MLOps.Durable.Host.Configuration;

namespace MLOps.Durable.Host.Events;

/// <summary>
/// The host's own Event Grid-style topic: keeps every CloudEvent it accepts (in memory and appended to a
/// JSON-lines file beside the task hub, reloaded at start) and forwards each to the webhook subscribers of
/// host.json <c>mlops.eventSubscriptions</c> in the background, with retries. Duplicate ids are kept once.
/// </summary>
public sealed partial class LocalEventTopic : IAsyncDisposable
{
    private const int MaxAttempts = 4;
    private readonly object _gate = new();
    private readonly List<JsonObject> _events = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly string _file;
    private readonly IReadOnlyList<EventSubscriptionSetting> _subscriptions;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly Channel<(EventSubscriptionSetting Subscription, string Body)> _outbox = Channel.CreateUnbounded<(EventSubscriptionSetting, string)>();
    private readonly Task _forwarder;
    private readonly CancellationTokenSource _stopping = new();

    public LocalEventTopic(string file, IReadOnlyList<EventSubscriptionSetting> subscriptions, HttpClient http, ILogger<LocalEventTopic> logger)
    {
        _file = file;
        _subscriptions = subscriptions;
        _http = http;
        _logger = logger;
        if (File.Exists(file))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                if (JsonNode.Parse(line) is JsonObject stored && stored["id"]?.GetValue<string>() is { } id && _ids.Add(id))
                {
                    _events.Add(stored);
                }
            }
        }

        _forwarder = Task.Run(ForwardAsync);
    }

    /// <summary>Stored events, oldest first, optionally filtered.</summary>
    public IReadOnlyList<JsonObject> Query(string? type = null, string? subject = null, int top = 100)
    {
        lock (_gate)
        {
            return [.. _events
                .Where(e => type is null || string.Equals((string?)e["type"], type, StringComparison.OrdinalIgnoreCase))
                .Where(e => subject is null || ((string?)e["subject"])?.StartsWith(subject, StringComparison.Ordinal) == true)
                .TakeLast(Math.Clamp(top, 1, 10_000))
                .Select(e => (JsonObject)e.DeepClone())];
        }
    }

    /// <summary>Accepts CloudEvents (already validated); returns how many were new.</summary>
    public async Task<int> AcceptAsync(IReadOnlyList<JsonObject> cloudEvents, CancellationToken cancellationToken = default)
    {
        var fresh = new List<JsonObject>();
        lock (_gate)
        {
            foreach (var cloudEvent in cloudEvents)
            {
                if (_ids.Add((string)cloudEvent["id"]!))
                {
                    _events.Add(cloudEvent);
                    fresh.Add(cloudEvent);
                }
            }

            if (fresh.Count > 0)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_file))!);
                File.AppendAllLines(_file, fresh.Select(e => e.ToJsonString()), new UTF8Encoding(false));
            }
        }

        foreach (var cloudEvent in fresh)
        {
            foreach (var subscription in _subscriptions.Where(s => s.Accepts((string)cloudEvent["type"]!)))
            {
                await _outbox.Writer.WriteAsync((subscription, cloudEvent.ToJsonString()), cancellationToken).ConfigureAwait(false);
            }
        }

        return fresh.Count;
    }

    /// <summary>The reason a CloudEvent 1.0 JSON object is unusable, or null.</summary>
    public static string? Problem(JsonNode? node)
    {
        if (node is not JsonObject cloudEvent)
        {
            return "each event must be a JSON object";
        }

        foreach (var field in new[] { "id", "source", "type", "specversion" })
        {
            if (cloudEvent[field] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrEmpty(value.GetValue<string>()))
            {
                return $"'{field}' is required (a non-empty string) in CloudEvents 1.0";
            }
        }

        return (string)cloudEvent["specversion"]! == "1.0" ? null : $"specversion '{cloudEvent["specversion"]}' is not 1.0";
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _forwarder.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ForwardAsync()
    {
        await foreach (var (subscription, body) in _outbox.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json");
                    using var response = await _http.PostAsync(subscription.Endpoint, content, _stopping.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }

                    LogForwardFailed(_logger, subscription.Name, attempt, $"HTTP {(int)response.StatusCode}");
                }
                catch (HttpRequestException ex)
                {
                    LogForwardFailed(_logger, subscription.Name, attempt, ex.Message);
                }

                if (attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)), _stopping.Token).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(3101, LogLevel.Warning, "Event subscriber '{Subscription}' did not take an event (attempt {Attempt}): {Reason}")]
    private static partial void LogForwardFailed(ILogger logger, string subscription, int attempt, string reason);
}
