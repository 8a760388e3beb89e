namespace MLOps.Durable.Pipelines.Registry;

/// <summary>A request value breaks a rule (a bad model name, an unknown alias, a traffic percent out of range); maps to 400.</summary>
public sealed class InvalidRegistryRequestException(string field, string message) : ModelRegistryException(message)
{
    /// <summary>The request field that is wrong (e.g. "model", "alias", "trafficPercent").</summary>
    public string Field { get; } = field;
}
