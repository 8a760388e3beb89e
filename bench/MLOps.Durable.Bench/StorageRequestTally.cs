using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Bench;

/// <summary>
/// Counts the process's requests to Azurite by service, resource and operation ("queue control-NN: get
/// messages"), read from each request's port, path, verb and headers as HttpClient sends it. Resource names
/// lose the bench's hub prefix and control-queue numbers, so that every hub and partition falls in one bucket.
/// </summary>
/// <remarks>
/// The storage client's own hook (OperationContext.GlobalSendingRequest, behind StorageRequestCounter) gives
/// only the URI in its .NET Standard build, not the verb, so this listens to HttpClient's diagnostic events
/// instead; both see every attempt, retries included, and the bench checks that their totals agree.
/// </remarks>
internal sealed partial class StorageRequestTally : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string HttpListener = "HttpHandlerDiagnosticListener";
    private const string RequestEvent = "System.Net.Http.Request";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _services;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();

    public StorageRequestTally(AzuriteProcess azurite)
    {
        _services = new() { [azurite.BlobPort] = "blob", [azurite.QueuePort] = "queue", [azurite.TablePort] = "table" };
        lock (_gate)
        {
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Dispose()
    {
        lock (_gate)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == HttpListener)
        {
            lock (_gate)
            {
                _subscriptions.Add(listener.Subscribe(this, name => name == RequestEvent));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // The payload is an internal type with a public Request property.
        if (value.Key == RequestEvent && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage request
            && request.RequestUri is { } uri && _services.TryGetValue(uri.Port, out var service))
        {
            _counts.AddOrUpdate(Kind(service, request, uri), 1, (_, n) => n + 1);
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    private static string Kind(string service, HttpRequestMessage request, Uri uri)
    {
        // Path: /{account}/{queue|container|table(keys)|$batch|Tables}[/...]
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var target = segments.Length > 1 ? Uri.UnescapeDataString(segments[1]) : string.Empty;
        var method = request.Method.Method;
        string? Header(string name) => request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
        return service switch
        {
            "queue" => $"queue {Resource(target)}: {QueueOperation(method, segments)}",
            "table" => TableKind(method, target, Header("If-Match") is not null),
            _ => $"blob {Resource(target)}: {BlobOperation(method, uri.Query, segments, Header("x-ms-lease-action"))}",
        };
    }

    private static string QueueOperation(string method, string[] segments) => (method, segments.Length) switch
    {
        ("GET", 3) => "get messages",
        ("POST", 3) => "put message",
        ("DELETE", 4) => "delete message",
        ("PUT", 4) => "update message (visibility)",
        ("PUT", 2) => "create queue",
        _ => $"{method} {string.Join('/', segments.Skip(2))}",
    };

    private static string TableKind(string method, string target, bool ifMatch)
    {
        if (target == "$batch")
        {
            // The table is named inside the multipart body; in these scenarios only history commits use batches.
            return "table $batch: entity group transaction";
        }

        if (target == "Tables")
        {
            return "table (service): create table";
        }

        var open = target.IndexOf('(', StringComparison.Ordinal);
        var table = Resource(open < 0 ? target : target[..open]);
        var keyed = open >= 0 && target.Length > open + 2;
        var operation = (method, keyed) switch
        {
            ("GET", true) => "point read",
            ("GET", false) => "query",
            ("PUT", true) => ifMatch ? "replace (If-Match)" : "insert or replace",
            ("MERGE", true) => ifMatch ? "merge (If-Match)" : "insert or merge",
            ("DELETE", true) => "delete",
            ("POST", false) => "insert",
            _ => method,
        };
        return $"table {table}: {operation}";
    }

    private static string BlobOperation(string method, string query, string[] segments, string? leaseAction)
    {
        if (query.Contains("restype=container", StringComparison.Ordinal))
        {
            return method == "PUT" ? "create container" : $"{method} container";
        }

        if (query.Contains("comp=lease", StringComparison.Ordinal))
        {
            return $"lease {leaseAction ?? "?"}";
        }

        // Lease blobs are few and named by partition; payload blobs are named by instance and would each get a bucket.
        var blob = segments.Length > 2 && Resource(segments[1]) == "leases" ? " " + Resource(segments[2]) : string.Empty;
        return method switch
        {
            "HEAD" => "exists" + blob,
            "PUT" => "upload" + blob,
            "GET" => "download" + blob,
            "DELETE" => "delete" + blob,
            _ => method + blob,
        };
    }

    /// <summary>A queue, table, container or blob name without the hub prefix and with partition numbers as NN.</summary>
    private static string Resource(string name) => PartitionNumber().Replace(HubPrefix().Replace(name, string.Empty), "-NN");

    [GeneratedRegex("^" + AzuriteBenchStore.HubPrefix + "[0-9a-f]{16}-?", RegexOptions.IgnoreCase)]
    private static partial Regex HubPrefix();

    [GeneratedRegex("-[0-9]{2}$")]
    private static partial Regex PartitionNumber();
}
