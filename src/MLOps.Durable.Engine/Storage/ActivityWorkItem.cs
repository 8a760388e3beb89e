namespace MLOps.Durable.Storage;

/// <summary>A locked activity request. <see cref="DequeueCount"/> counts deliveries (1 on the first).</summary>
public sealed record ActivityWorkItem(long Id, ActivityMessage Message, string LockToken, DateTimeOffset LockedUntil, int DequeueCount);
