namespace MLOps.Durable.Host.Triggers;

/// <summary>
/// The input of a timer trigger's eternal orchestration: the schedule and the last and next occurrence.
/// Kept in the store with the instance, so that restarts and other hosts on the store see the same state.
/// </summary>
public sealed record TimerTriggerState(string Name, string Schedule, string TimeZoneId, DateTimeOffset? Last, DateTimeOffset? Next);
