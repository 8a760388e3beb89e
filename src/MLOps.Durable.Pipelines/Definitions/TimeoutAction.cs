namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>What an approval that timed out turns into.</summary>
public enum TimeoutAction
{
    /// <summary>The run ends as rejected.</summary>
    Reject,

    /// <summary>The candidate is approved.</summary>
    Approve,

    /// <summary>An escalation event is emitted and the wait starts again for the same period.</summary>
    Escalate,
}
