using MLOps.Durable.History;

namespace MLOps.Durable;

/// <summary>
/// How a failed activity or sub-orchestration is retried: up to <see cref="MaxNumberOfAttempts"/> attempts,
/// waiting <see cref="FirstRetryInterval"/> × <see cref="BackoffCoefficient"/>^(attempt-1) (capped by
/// <see cref="MaxRetryInterval"/>) on a durable timer between attempts, and giving up once
/// <see cref="RetryTimeout"/> has passed since the first attempt.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy; see the properties for the meaning of each argument.</summary>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    public int MaxNumberOfAttempts { get; }

    public TimeSpan FirstRetryInterval { get; }

    public double BackoffCoefficient { get; }

    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Total time allowed from the first attempt; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is retried; all failures are when null.</summary>
    public Func<FailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(BackoffCoefficient, nextAttempt - 2);
        var ticks = FirstRetryInterval.Ticks * factor;
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
