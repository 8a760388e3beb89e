using System.Text.Json;

namespace MLOps.Durable.Host.Configuration;

/// <summary>A timer trigger declared in host.json (<c>mlops.timers[]</c>): on schedule, start an orchestration.</summary>
public sealed record TimerSetting(string Name, string Schedule, string TimeZone, bool RunOnStartup, string Orchestrator, JsonElement? Input);
