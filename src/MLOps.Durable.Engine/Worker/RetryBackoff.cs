namespace MLOps.Durable.Worker;

/// <summary>
/// Capped exponential backoff with jitter for the worker's store calls, whatever the backend: the n-th
/// consecutive failure waits a random time in [d/2, d] with d = min(initial x 2^(n-1), max) ("equal jitter"),
/// so workers that lost the same store do not come back in step, yet while the ceiling doubles each wait is at
/// least as long as the one before; once it reaches the cap, waits stay in [max/2, max]. <see cref="Reset"/> after a success starts over.
/// </summary>
internal sealed class RetryBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
{
    /// <summary>The worker's store calls: first retry within 100 ms, then doubling, never more than 5 s apart.</summary>
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts; also how long the worker may lag behind a store that came back.</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(5);

    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    /// <summary>Consecutive failures since the last <see cref="Reset"/>.</summary>
    public int Failures => _failures;

    public static RetryBackoff ForStore(Random? random = null) => new(DefaultInitial, DefaultMax, random);

    /// <summary>Counts a failure and returns how long to wait before the next attempt.</summary>
    public TimeSpan NextDelay()
    {
        _failures++;
        var ceiling = initial.Ticks * Math.Pow(2, Math.Min(_failures - 1, 30));
        var delay = (long)Math.Min(ceiling, max.Ticks);
        return TimeSpan.FromTicks((delay / 2) + (long)(_random.NextDouble() * (delay - (delay / 2))));
    }

    /// <summary>A call succeeded: the next failure waits the initial delay again.</summary>
    public void Reset() => _failures = 0;
}
