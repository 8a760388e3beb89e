namespace MLOps.Durable.Pipelines.Registry;

/// <summary>The conflict errors both registries raise, worded once.</summary>
internal static class RegistryConflicts
{
    public static ModelRegistryConflictException NoCanary(string model) =>
        new(model, $"Model '{model}' has no canary to promote: set the '{ModelAliases.Canary}' alias with a traffic percent first.");

    public static ModelRegistryConflictException NoProduction(string model) =>
        new(model, $"Model '{model}' has no production version to roll back: set the '{ModelAliases.Production}' alias first.");

    public static ModelRegistryConflictException NothingToRollBackTo(string model, int current) =>
        new(model, $"Model '{model}' cannot roll back: production is version {current} and the audit trail has no earlier production version.");
}
