namespace MLOps.Durable.Host.Triggers;

/// <summary>What a timer function is told about its run, as Azure Functions' TimerInfo.</summary>
/// <param name="Name">The timer trigger's name.</param>
/// <param name="ScheduledAt">The occurrence this run is for.</param>
/// <param name="IsPastDue">True when the run starts late (the host was down or busy at the occurrence).</param>
/// <param name="Last">The previous occurrence that ran, if any.</param>
/// <param name="Next">The occurrence after this one.</param>
public sealed record TimerInfo(string Name, DateTimeOffset ScheduledAt, bool IsPastDue, DateTimeOffset? Last, DateTimeOffset? Next);
