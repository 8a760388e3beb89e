using MLOps.Durable.ML.Drift;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>monitor</c> section: one eternal orchestration per deployed model.</summary>
/// <param name="Enabled">Whether deployed models are monitored.</param>
/// <param name="Every">Interval between checks.</param>
/// <param name="Method">One drift test for every column, or null for the per-column default chooser.</param>
/// <param name="Drift">Drift test settings (defaults: Evidently's per-column rules).</param>
/// <param name="Performance">A metric floor checked when ground truth arrives, or null.</param>
/// <param name="OnDrift">Notify only, or also start a retraining run.</param>
/// <param name="Cooldown">Minimum time between two retraining runs started by drift.</param>
public sealed record MonitorSettings(bool Enabled, TimeSpan Every, DriftMethod? Method, DriftOptions Drift, MetricGate? Performance, DriftAction OnDrift, TimeSpan Cooldown);
