namespace MLOps.Durable.Bench;

/// <summary>A scenario's rate and how many SQLite commits each activity cost.</summary>
internal sealed record ScenarioResult(double Rate, double CommitsPerActivity);
