namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// The loaded versions, keyed by (model, version), at most <c>capacity</c> of them, least recently used evicted.
/// Versions are immutable, so an entry never goes stale. Each use holds a lease; an evicted version is disposed
/// when its last lease is returned, never under a prediction in flight. Concurrent misses load once; a failed
/// load is forgotten so the next request tries again.
/// </summary>
internal sealed class ServedModelCache(int capacity, Func<string, int, Task<ServedModel>> load) : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Model, int Version), Entry> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private bool _disposed;

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

    /// <summary>Leases the loaded version, loading it on a miss; dispose the lease when the prediction is done.</summary>
    public async Task<Lease> AcquireAsync(string model, int version, CancellationToken cancellationToken)
    {
        Entry entry;
        List<Entry> evicted = [];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue((model, version), out var found))
            {
                entry = found;
                _recency.Remove(entry.Node);
            }
            else
            {
                // The load is not tied to one caller's token: others may be waiting for it too.
                entry = new Entry((model, version), load(model, version));
                _entries.Add(entry.Key, entry);
                while (_entries.Count > capacity)
                {
                    evicted.Add(Detach(_recency.Last!.Value));
                }
            }

            _recency.AddFirst(entry.Node);
            entry.Leases++;
        }

        evicted.ForEach(DisposeIfUnleased);
        try
        {
            return new Lease(this, entry, await entry.Loading.WaitAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            lock (_gate)
            {
                if (entry.Loading.IsFaulted && !entry.Detached)
                {
                    Detach(entry);
                }
            }

            Release(entry);
            throw;
        }
    }

    /// <summary>Drops every version; each is disposed once its leases are returned.</summary>
    public void Dispose()
    {
        List<Entry> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _entries.Values];
            all.ForEach(e => Detach(e));
        }

        all.ForEach(DisposeIfUnleased);
    }

    private void Release(Entry entry)
    {
        bool dispose;
        lock (_gate)
        {
            entry.Leases--;
            dispose = entry.Detached && entry.Leases == 0;
        }

        if (dispose)
        {
            DisposeLoaded(entry);
        }
    }

    private Entry Detach(Entry entry)
    {
        _entries.Remove(entry.Key);
        if (entry.Node.List is not null)
        {
            _recency.Remove(entry.Node);
        }

        entry.Detached = true;
        return entry;
    }

    private void DisposeIfUnleased(Entry entry)
    {
        bool dispose;
        lock (_gate)
        {
            dispose = entry.Leases == 0;
        }

        if (dispose)
        {
            DisposeLoaded(entry);
        }
    }

    private static void DisposeLoaded(Entry entry)
    {
        // A detached entry gets no new leases, so it reaches zero leases once.
        if (entry.Loading.IsCompletedSuccessfully)
        {
            entry.Loading.Result.Dispose();
        }
    }

    /// <summary>A version being loaded or loaded, with its lease count; guarded by the cache's lock.</summary>
    internal sealed class Entry
    {
        public Entry((string Model, int Version) key, Task<ServedModel> loading)
        {
            Key = key;
            Loading = loading;
            Node = new LinkedListNode<Entry>(this);
        }

        public (string Model, int Version) Key { get; }

        public Task<ServedModel> Loading { get; }

        public LinkedListNode<Entry> Node { get; }

        public int Leases { get; set; }

        public bool Detached { get; set; }
    }

    /// <summary>A loaded version borrowed from the cache.</summary>
    internal sealed class Lease(ServedModelCache cache, Entry entry, ServedModel model) : IDisposable
    {
        private int _disposed;

        public ServedModel Model { get; } = model;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                cache.Release(entry);
            }
        }
    }
}
