using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// A control-queue message: one or more events for one instance, consumed together. <see cref="Id"/> is what
/// duplicate detection remembers; a message that is sent again (an outbox resent after a crash) keeps it.
/// </summary>
internal sealed record ControlEnvelope(string Id, string InstanceId, IReadOnlyList<EnvelopeEvent> Events);

/// <summary>One event of a <see cref="ControlEnvelope"/>, tied to an execution when <see cref="ExecutionId"/> is set.</summary>
internal sealed record EnvelopeEvent(string? ExecutionId, HistoryEvent Event);

/// <summary>A work-item queue message; the result of the activity is sent with id <c>{Id}-r</c>.</summary>
internal sealed record ActivityEnvelope(string Id, ActivityMessage Message);

/// <summary>A control envelope on its way, visible at <see cref="VisibleAt"/> (a durable timer) when set.</summary>
internal sealed record OutboundEnvelope(ControlEnvelope Envelope, DateTimeOffset? VisibleAt);

/// <summary>
/// What an episode sends, written with its history in one batch and sent after it, so that nothing is sent for
/// an episode that did not commit and nothing committed is lost: a worker that finds an outbox left behind by a
/// crash sends it again (receivers drop what they already consumed).
/// </summary>
internal sealed record Outbox(
    IReadOnlyList<OutboundEnvelope> Messages,
    IReadOnlyList<ActivityEnvelope> Activities,
    IReadOnlyList<ExecutionStarted> SubOrchestrations)
{
    public static readonly Outbox Empty = new([], [], []);

    public bool IsEmpty => Messages.Count == 0 && Activities.Count == 0 && SubOrchestrations.Count == 0;
}
