namespace MLOps.Durable;

/// <summary>Options for an activity or sub-orchestration call.</summary>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
