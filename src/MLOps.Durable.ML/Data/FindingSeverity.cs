namespace MLOps.Durable.ML.Data;

/// <summary>How serious a <see cref="ValidationFinding"/> is: errors make a report invalid, warnings do not.</summary>
public enum FindingSeverity
{
    /// <summary>The data must not be used as it is.</summary>
    Error,

    /// <summary>The data may be used, but someone should look.</summary>
    Warning,
}
