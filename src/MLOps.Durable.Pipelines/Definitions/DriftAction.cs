namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>What detected drift leads to.</summary>
public enum DriftAction
{
    /// <summary>A drift event only.</summary>
    Notify,

    /// <summary>A drift event and a retraining run (at most one in flight, after the cooldown).</summary>
    Retrain,
}
