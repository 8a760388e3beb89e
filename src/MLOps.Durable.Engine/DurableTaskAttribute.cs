namespace MLOps.Durable;

/// <summary>Names an orchestrator or activity class; without it the class name is the name.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DurableTaskAttribute(string name) : Attribute
{
    /// <summary>The registered name.</summary>
    public string Name { get; } = name;
}
