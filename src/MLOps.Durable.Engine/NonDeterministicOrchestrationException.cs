namespace MLOps.Durable;

/// <summary>
/// Replaying the orchestrator did not reproduce its history: the code changed, or it is not deterministic.
/// The message names the action the history expected and the one the code produced.
/// </summary>
public sealed class NonDeterministicOrchestrationException(string instanceId, int sequenceId, string expected, string actual)
    : DurableException($"Non-deterministic orchestration '{instanceId}': at action #{sequenceId} the history has {expected} " +
        $"but the orchestrator code now produced {actual}. Orchestrator code must make the same calls in the same order on every replay.")
{
    public string InstanceId { get; } = instanceId;

    public int SequenceId { get; } = sequenceId;

    public string Expected { get; } = expected;

    public string Actual { get; } = actual;
}
