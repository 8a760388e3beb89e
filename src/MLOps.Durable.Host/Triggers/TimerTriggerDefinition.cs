using MLOps.Durable.Scheduling;

namespace MLOps.Durable.Host.Triggers;

/// <summary>A timer-triggered function: its name, six-field schedule, time zone and what it runs.</summary>
public sealed record TimerTriggerDefinition(
    string Name,
    string Schedule,
    Func<TimerInfo, IServiceProvider, CancellationToken, Task> Run)
{
    /// <summary>The zone the schedule's wall-clock times are in (UTC unless set).</summary>
    public string TimeZoneId { get; init; } = "UTC";

    /// <summary>Also run once every time the host starts, as Azure Functions' runOnStartup.</summary>
    public bool RunOnStartup { get; init; }

    /// <summary>Throws <see cref="FormatException"/> or <see cref="ArgumentException"/> naming what is wrong.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        CronSchedule.Parse(Schedule);
        if (!IsKnownTimeZone(TimeZoneId))
        {
            throw new ArgumentException($"Timer '{Name}': time zone '{TimeZoneId}' is not known on this machine (use an IANA id such as Europe/Berlin).");
        }
    }

    /// <summary>True when this machine knows the time zone <paramref name="id"/>.</summary>
    public static bool IsKnownTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
