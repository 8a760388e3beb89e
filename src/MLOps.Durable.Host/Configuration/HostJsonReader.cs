using System.Text.Json;
using Microsoft.Extensions.Logging;
using MLOps.Durable.Scheduling;

namespace MLOps.Durable.Host.Configuration;

/// <summary>
/// Reads host.json. Keys the host does not use are ignored, as the Functions host does; a value of the wrong
/// form stops start-up with a <see cref="HostConfigurationException"/> naming the file, the key path, the
/// value and what was expected.
/// </summary>
public static class HostJsonReader
{
    /// <summary>storageProvider.type of the embedded default backend.</summary>
    public const string SqliteType = "sqlite";

    /// <summary>storageProvider.type of the Azure Storage backend (tables, queues and blobs; Azurite locally).</summary>
    public const string AzureStorageType = "azureStorage";

    /// <summary>
    /// The longest hub name Azure Storage allows: the backend derives queue, table and container names from it
    /// (Durable Functions' rule), and 45 characters keep every derived name within Azure's limits.
    /// </summary>
    public const int MaxAzureStorageHubName = 45;

    private static readonly string[] StorageTypes = [SqliteType, AzureStorageType];

    /// <summary>Reads <paramref name="path"/>; a missing file gives the defaults.</summary>
    public static HostSettings Read(string path)
    {
        if (!File.Exists(path))
        {
            return new HostSettings();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new HostConfigurationException(
                $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: host.json is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Parse(document.RootElement, path);
        }
    }

    /// <summary>Parses host.json content already loaded; <paramref name="source"/> names it in errors.</summary>
    public static HostSettings Parse(JsonElement root, string source)
    {
        var reader = new Reader(source);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw reader.Error("(root)", root, "a JSON object");
        }

        var settings = new HostSettings();
        var durable = Child(root, "extensions", "durableTask");
        if (durable is { } dt)
        {
            var storage = Child(dt, "storageProvider");
            settings = settings with
            {
                HubName = reader.String(dt, "hubName", "extensions.durableTask.hubName", IsValidHubName, "3-50 letters or digits, starting with a letter (e.g. MLOpsHub)") ?? settings.HubName,
                StorageType = storage is { } sp
                    ? reader.String(sp, "type", "extensions.durableTask.storageProvider.type", t => StorageTypes.Contains(t, StringComparer.OrdinalIgnoreCase), "one of: sqlite, azureStorage") ?? settings.StorageType
                    : settings.StorageType,
                StorageConnectionName = storage is { } sp2
                    ? reader.String(sp2, "connectionName", "extensions.durableTask.storageProvider.connectionName", n => n.Length > 0, "the name of a setting")
                        ?? reader.String(sp2, "connectionStringName", "extensions.durableTask.storageProvider.connectionStringName", n => n.Length > 0, "the name of a setting")
                    : null,
                PartitionCount = storage is { } sp3
                    ? reader.Int(sp3, "partitionCount", "extensions.durableTask.storageProvider.partitionCount", 1, 16)
                    : null,
                MaxConcurrentActivityFunctions = reader.Int(dt, "maxConcurrentActivityFunctions", "extensions.durableTask.maxConcurrentActivityFunctions", 1),
                MaxConcurrentOrchestratorFunctions = reader.Int(dt, "maxConcurrentOrchestratorFunctions", "extensions.durableTask.maxConcurrentOrchestratorFunctions", 1),
                ExtendedSessionsEnabled = reader.Bool(dt, "extendedSessionsEnabled", "extensions.durableTask.extendedSessionsEnabled") ?? settings.ExtendedSessionsEnabled,
                ExtendedSessionIdleTimeoutInSeconds = reader.Int(dt, "extendedSessionIdleTimeoutInSeconds", "extensions.durableTask.extendedSessionIdleTimeoutInSeconds", 1)
                    ?? settings.ExtendedSessionIdleTimeoutInSeconds,
                LockTimeoutInSeconds = reader.Int(dt, "lockTimeoutInSeconds", "extensions.durableTask.lockTimeoutInSeconds", 1, 3600),
            };
            if (settings.StorageType.Equals(AzureStorageType, StringComparison.OrdinalIgnoreCase) && settings.HubName.Length > MaxAzureStorageHubName)
            {
                throw reader.Error(
                    "extensions.durableTask.hubName",
                    $"'{settings.HubName}'",
                    $"3-{MaxAzureStorageHubName} letters or digits, starting with a letter, with storageProvider.type {AzureStorageType} " +
                    "(the hub names its queues, tables and containers)");
            }
        }

        if (Child(root, "extensions", "http") is { } http)
        {
            settings = settings with
            {
                RoutePrefix = reader.String(http, "routePrefix", "extensions.http.routePrefix", p => !p.Contains('?') && !p.Contains('#'), "a path segment such as api, or empty")?.Trim('/')
                    ?? settings.RoutePrefix,
            };
        }

        if (Child(root, "mlops", "timers") is { } timers)
        {
            settings = settings with { Timers = reader.Timers(timers) };
        }

        if (Child(root, "mlops", "eventSubscriptions") is { } subscriptions)
        {
            settings = settings with { EventSubscriptions = reader.EventSubscriptions(subscriptions) };
        }

        if (Child(root, "logging", "logLevel") is { } levels)
        {
            settings = settings with { LogLevels = reader.LogLevels(levels) };
        }

        return settings;
    }

    private static bool IsValidHubName(string name) =>
        name.Length is >= 3 and <= 50 && char.IsAsciiLetter(name[0]) && name.All(char.IsAsciiLetterOrDigit);

    private static JsonElement? Child(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !TryGetPropertyIgnoreCase(element, name, out element))
            {
                return null;
            }
        }

        return element;
    }

    private static bool TryGetPropertyIgnoreCase(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private sealed class Reader(string source)
    {
        public HostConfigurationException Error(string key, JsonElement value, string expected) =>
            Error(key, Show(value), expected);

        public HostConfigurationException Error(string key, string shownValue, string expected) =>
            new($"{source}: {key}: {shownValue} is not valid; expected {expected}.");

        public string? String(JsonElement parent, string name, string key, Func<string, bool> valid, string expected)
        {
            if (!TryGetPropertyIgnoreCase(parent, name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String || !valid(value.GetString()!))
            {
                throw Error(key, value, expected);
            }

            return value.GetString();
        }

        public int? Int(JsonElement parent, string name, string key, int minimum, int maximum = int.MaxValue)
        {
            if (!TryGetPropertyIgnoreCase(parent, name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < minimum || number > maximum)
            {
                throw Error(key, value, maximum == int.MaxValue ? $"an integer >= {minimum}" : $"an integer from {minimum} to {maximum}");
            }

            return number;
        }

        public bool? Bool(JsonElement parent, string name, string key)
        {
            if (!TryGetPropertyIgnoreCase(parent, name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(key, value, "true or false"),
            };
        }

        public Dictionary<string, LogLevel> LogLevels(JsonElement levels)
        {
            if (levels.ValueKind != JsonValueKind.Object)
            {
                throw Error("logging.logLevel", levels, "an object of category: level");
            }

            var result = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in levels.EnumerateObject())
            {
                var key = $"logging.logLevel.{property.Name}";
                if (property.Value.ValueKind != JsonValueKind.String
                    || !Enum.TryParse<LogLevel>(property.Value.GetString(), ignoreCase: true, out var level)
                    || !Enum.IsDefined(level))
                {
                    throw Error(key, property.Value, "one of Trace, Debug, Information, Warning, Error, Critical, None");
                }

                result[property.Name] = level;
            }

            return result;
        }

        public List<TimerSetting> Timers(JsonElement timers)
        {
            if (timers.ValueKind != JsonValueKind.Array)
            {
                throw Error("mlops.timers", timers, "an array of timer objects");
            }

            var result = new List<TimerSetting>();
            var index = 0;
            foreach (var timer in timers.EnumerateArray())
            {
                var key = $"mlops.timers[{index++}]";
                if (timer.ValueKind != JsonValueKind.Object)
                {
                    throw Error(key, timer, "an object with name, schedule and orchestrator");
                }

                var name = String(timer, "name", key + ".name", n => n.Length > 0 && !n.StartsWith('$'), "a name not starting with '$'")
                    ?? throw Error(key + ".name", timer, "a name (missing)");
                var schedule = String(timer, "schedule", key + ".schedule", s => CronSchedule.TryParse(s, out _, out _),
                    "a six-field NCRONTAB schedule such as '0 0 2 * * *' ({second} {minute} {hour} {day} {month} {day-of-week})")
                    ?? throw Error(key + ".schedule", timer, "a schedule (missing)");
                var zone = String(timer, "timeZone", key + ".timeZone", Triggers.TimerTriggerDefinition.IsKnownTimeZone, "an IANA time zone such as Europe/Berlin") ?? "UTC";
                var orchestrator = String(timer, "orchestrator", key + ".orchestrator", o => o.Length > 0, "the name of an orchestrator")
                    ?? throw Error(key + ".orchestrator", timer, "the orchestrator to start (missing)");
                var runOnStartup = Bool(timer, "runOnStartup", key + ".runOnStartup") ?? false;
                JsonElement? input = TryGetPropertyIgnoreCase(timer, "input", out var inputElement) ? inputElement.Clone() : null;
                if (result.Any(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Error(key + ".name", timer.GetProperty("name"), "a name not used by another timer");
                }

                result.Add(new TimerSetting(name, schedule, zone, runOnStartup, orchestrator, input));
            }

            return result;
        }

        public List<EventSubscriptionSetting> EventSubscriptions(JsonElement subscriptions)
        {
            if (subscriptions.ValueKind != JsonValueKind.Array)
            {
                throw Error("mlops.eventSubscriptions", subscriptions, "an array of {name, endpoint, types} objects");
            }

            var result = new List<EventSubscriptionSetting>();
            var index = 0;
            foreach (var subscription in subscriptions.EnumerateArray())
            {
                var key = $"mlops.eventSubscriptions[{index++}]";
                if (subscription.ValueKind != JsonValueKind.Object)
                {
                    throw Error(key, subscription, "an object with name and endpoint");
                }

                var name = String(subscription, "name", key + ".name", n => n.Length > 0, "a name")
                    ?? throw Error(key + ".name", subscription, "a name (missing)");
                var endpoint = String(subscription, "endpoint", key + ".endpoint", IsHttpUrl, "an absolute http(s) URL")
                    ?? throw Error(key + ".endpoint", subscription, "an endpoint URL (missing)");
                var types = new List<string>();
                if (TryGetPropertyIgnoreCase(subscription, "types", out var typeList))
                {
                    if (typeList.ValueKind != JsonValueKind.Array)
                    {
                        throw Error(key + ".types", typeList, "an array of event types such as MLOps.Approval.Requested");
                    }

                    foreach (var type in typeList.EnumerateArray())
                    {
                        if (type.ValueKind != JsonValueKind.String || !Pipelines.Events.PipelineEventTypes.All.Contains(type.GetString(), StringComparer.OrdinalIgnoreCase))
                        {
                            throw Error(key + ".types", type, $"one of {string.Join(", ", Pipelines.Events.PipelineEventTypes.All)}");
                        }

                        types.Add(type.GetString()!);
                    }
                }

                result.Add(new EventSubscriptionSetting(name, new Uri(endpoint), types));
            }

            return result;
        }

        private static bool IsHttpUrl(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

        private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'" : value.GetRawText();
    }
}
