namespace MLOps.Durable.Cli.Runs;

/// <summary>One stage of a run as the host reports it: status running, done, rejected or skipped.</summary>
internal sealed record RunStageState(string Name, string Status, string? Detail);
