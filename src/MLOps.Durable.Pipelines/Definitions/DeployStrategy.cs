namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>How an approved model goes live.</summary>
public enum DeployStrategy
{
    /// <summary>It becomes the production version at once.</summary>
    Direct,

    /// <summary>It serves a share of traffic until promoted or rolled back.</summary>
    Canary,
}
