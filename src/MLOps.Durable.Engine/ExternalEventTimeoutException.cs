namespace MLOps.Durable;

/// <summary>
/// <see cref="TaskOrchestrationContext.WaitForExternalEvent{T}(string, TimeSpan, CancellationToken)"/> gave up:
/// the event did not arrive within its timeout. A timeout, not a cancellation.
/// </summary>
public sealed class ExternalEventTimeoutException(string eventName, TimeSpan timeout)
    : TimeoutException($"External event '{eventName}' did not arrive within {timeout}.")
{
    public string EventName { get; } = eventName;

    public TimeSpan Timeout { get; } = timeout;
}
