namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>What a model's monitor carries from one check to the next (through ContinueAsNew).</summary>
/// <param name="Pipeline">The pipeline (and model) name.</param>
/// <param name="LastCheck">Predictions logged since this time are the next check's current data.</param>
/// <param name="LastRetrainAt">When drift last started a retraining run (for the cooldown).</param>
/// <param name="Checks">Checks done so far.</param>
/// <param name="LastResult">The previous check's result, shown in custom status.</param>
public sealed record MonitorState(string Pipeline, DateTime LastCheck, DateTime? LastRetrainAt, int Checks, DriftCheckResult? LastResult = null);
