namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Thread-safe cache of loaded models keyed by a string such as model id plus content hash, holding at most
/// <see cref="Capacity"/> sessions and evicting the least recently used. Sessions are handed out as
/// <see cref="OnnxSessionLease"/>s and counted, so an evicted or removed session is disposed only when its
/// last lease is returned, never under a Run in flight.
/// </summary>
public sealed class OnnxSessionCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private bool _disposed;

    /// <summary>Creates a cache that keeps up to <paramref name="capacity"/> sessions.</summary>
    public OnnxSessionCache(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
    }

    /// <summary>The most sessions kept at once.</summary>
    public int Capacity { get; }

    /// <summary>Number of sessions cached now (leased-out evicted sessions not included).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Leases the session for <paramref name="key"/>, creating it with <paramref name="factory"/> on a miss.
    /// Concurrent misses on one key call the factory once; a factory that throws leaves nothing cached.
    /// </summary>
    public OnnxSessionLease Acquire(string key, Func<OnnxSession> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(factory);
        Entry entry;
        List<Entry> evicted = [];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(key, out var found))
            {
                entry = found;
                _recency.Remove(entry.Node);
                _recency.AddFirst(entry.Node);
            }
            else
            {
                entry = new Entry(key, factory);
                _entries.Add(key, entry);
                _recency.AddFirst(entry.Node);
                while (_entries.Count > Capacity)
                {
                    evicted.Add(Detach(_recency.Last!.Value));
                }
            }

            entry.Leases++;
        }

        DisposeUnleased(evicted);
        try
        {
            // The factory runs outside the lock, so a slow model load does not block other keys.
            return new OnnxSessionLease(this, entry, entry.Session.Value);
        }
        catch
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var current) && current == entry)
                {
                    Detach(entry);
                }
            }

            Release(entry);
            throw;
        }
    }

    /// <summary>Removes <paramref name="key"/>; its session is disposed once no lease is open. False if absent.</summary>
    public bool Remove(string key)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry))
            {
                return false;
            }

            Detach(entry);
        }

        DisposeUnleased([entry]);
        return true;
    }

    /// <summary>Removes every session; each is disposed once its leases are returned.</summary>
    public void Dispose()
    {
        List<Entry> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _entries.Values];
            all.ForEach(entry => Detach(entry));
        }

        DisposeUnleased(all);
    }

    internal void Release(Entry entry)
    {
        bool dispose;
        lock (_gate)
        {
            entry.Leases--;
            dispose = entry.Detached && entry.Leases == 0;
        }

        if (dispose)
        {
            DisposeSession(entry);
        }
    }

    private Entry Detach(Entry entry)
    {
        _entries.Remove(entry.Key);
        _recency.Remove(entry.Node);
        entry.Detached = true;
        return entry;
    }

    private void DisposeUnleased(List<Entry> entries)
    {
        foreach (var entry in entries)
        {
            bool dispose;
            lock (_gate)
            {
                dispose = entry.Leases == 0;
            }

            if (dispose)
            {
                DisposeSession(entry);
            }
        }
    }

    private static void DisposeSession(Entry entry)
    {
        // A detached entry reaches zero leases once only (leases are never taken on detached entries).
        if (entry.Session.IsValueCreated)
        {
            entry.Session.Value.Dispose();
        }
    }

    /// <summary>A cached session with its lease count; guarded by the cache's lock.</summary>
    internal sealed class Entry
    {
        public Entry(string key, Func<OnnxSession> factory)
        {
            Key = key;
            Session = new Lazy<OnnxSession>(factory, LazyThreadSafetyMode.ExecutionAndPublication);
            Node = new LinkedListNode<Entry>(this);
        }

        public string Key { get; }

        public Lazy<OnnxSession> Session { get; }

        public LinkedListNode<Entry> Node { get; }

        public int Leases { get; set; }

        public bool Detached { get; set; }
    }
}
