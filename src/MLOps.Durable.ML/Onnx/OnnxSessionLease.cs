namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// A session borrowed from an <see cref="OnnxSessionCache"/>. While the lease is open the session is not
/// disposed, even if the cache evicts or removes it; dispose the lease when the Run calls are done.
/// </summary>
public sealed class OnnxSessionLease : IDisposable
{
    private readonly OnnxSessionCache _cache;
    private readonly OnnxSessionCache.Entry _entry;
    private int _disposed;

    internal OnnxSessionLease(OnnxSessionCache cache, OnnxSessionCache.Entry entry, OnnxSession session)
    {
        _cache = cache;
        _entry = entry;
        Session = session;
    }

    /// <summary>The cache key.</summary>
    public string Key => _entry.Key;

    /// <summary>The leased session.</summary>
    public OnnxSession Session { get; }

    /// <summary>Returns the lease; the last lease of an evicted session disposes it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cache.Release(_entry);
        }
    }
}
