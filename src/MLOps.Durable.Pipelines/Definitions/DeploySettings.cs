namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>deploy</c> section.</summary>
/// <param name="Strategy">Direct (straight to production) or canary.</param>
/// <param name="CanaryPercent">Share of prediction traffic the canary gets (1-99).</param>
/// <param name="PromoteAfter">Healthy period after which a canary is promoted, or null to promote by hand.</param>
public sealed record DeploySettings(DeployStrategy Strategy, int CanaryPercent, TimeSpan? PromoteAfter);
