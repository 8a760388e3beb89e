namespace MLOps.Durable.Storage;

/// <summary>
/// A locked orchestration instance with the messages that were visible when it was locked. Only these
/// messages are consumed by the commit; later ones stay queued for the next episode.
/// </summary>
public sealed record OrchestrationWorkItem(
    OrchestrationInstance Instance,
    IReadOnlyList<OrchestrationMessage> Messages,
    string LockToken,
    DateTimeOffset LockedUntil)
{
    /// <summary>Store-specific bookkeeping (for example the highest message sequence number read).</summary>
    public long Cursor { get; init; }
}
