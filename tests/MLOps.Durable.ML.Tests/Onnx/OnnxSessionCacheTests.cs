using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxSessionCacheTests
{
    private static readonly byte[] Model = TestModels.Imputer();

    [Fact]
    public void Acquire_SameKey_ReturnsSameSessionAndCreatesOnce()
    {
        using var cache = new OnnxSessionCache();
        var created = 0;

        using var first = cache.Acquire("imputer@1", Factory(() => created++));
        using var second = cache.Acquire("imputer@1", Factory(() => created++));

        Assert.Same(first.Session, second.Session);
        Assert.Equal(1, created);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Acquire_BeyondCapacity_DisposesLeastRecentlyUsed()
    {
        using var cache = new OnnxSessionCache(capacity: 2);
        var a = Lease(cache, "a");
        var b = Lease(cache, "b");
        Lease(cache, "a");

        Lease(cache, "c");

        Assert.Equal(2, cache.Count);
        Assert.True(Scores(a));
        Assert.False(Scores(b));
    }

    [Fact]
    public void Acquire_EvictedWhileLeased_StaysUsableUntilLeaseReturned()
    {
        using var cache = new OnnxSessionCache(capacity: 1);
        var lease = cache.Acquire("a", Factory());
        var session = lease.Session;

        Lease(cache, "b");

        Assert.True(Scores(session));
        lease.Dispose();
        Assert.False(Scores(session));
    }

    [Fact]
    public void Remove_UnleasedSession_DisposesIt()
    {
        using var cache = new OnnxSessionCache();
        var session = Lease(cache, "a");

        Assert.True(cache.Remove("a"));

        Assert.False(Scores(session));
        Assert.Equal(0, cache.Count);
        Assert.False(cache.Remove("a"));
    }

    [Fact]
    public void Dispose_Cache_DisposesSessionsAndRefusesLeases()
    {
        var cache = new OnnxSessionCache();
        var session = Lease(cache, "a");

        cache.Dispose();

        Assert.False(Scores(session));
        Assert.Throws<ObjectDisposedException>(() => cache.Acquire("a", Factory()));
    }

    [Fact]
    public void Acquire_FactoryThrows_NothingCachedAndNextAcquireRetries()
    {
        using var cache = new OnnxSessionCache();

        Assert.Throws<OnnxRuntimeException>(() => cache.Acquire("bad", () => OnnxSession.FromBytes([1, 2, 3])));
        using var lease = cache.Acquire("bad", Factory());

        Assert.True(Scores(lease.Session));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Acquire_ManyThreadsWithEvictions_EveryRunSucceeds()
    {
        using var cache = new OnnxSessionCache(capacity: 2);
        var created = 0;
        var failures = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 150; i++)
            {
                using var lease = cache.Acquire($"model-{(worker + i) % 3}", Factory(() => Interlocked.Increment(ref created)));
                if (!Scores(lease.Session))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });

        Assert.Equal(0, failures);
        Assert.True(cache.Count <= 2);
        Assert.InRange(created, 3, 8 * 150);
    }

    private static Func<OnnxSession> Factory(Action? onCreate = null) => () =>
    {
        onCreate?.Invoke();
        return OnnxSession.FromBytes(Model);
    };

    /// <summary>Leases and returns at once, handing back the session for later checks.</summary>
    private static OnnxSession Lease(OnnxSessionCache cache, string key)
    {
        using var lease = cache.Acquire(key, Factory());
        return lease.Session;
    }

    /// <summary>True when the session scores correctly, false when it has been disposed.</summary>
    private static bool Scores(OnnxSession session)
    {
        try
        {
            var y = OnnxSessionTests.Run(session, ("x", OnnxTensor.FromFloats([float.NaN, 7, 8], 1, 3)))["y"].AsFloats();
            return y.SequenceEqual([1f, 7f, 8f]);
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
