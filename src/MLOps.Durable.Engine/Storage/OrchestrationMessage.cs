using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>
/// An event on its way to an orchestration instance (a completion, a fired timer, an external event, a
/// control request). <see cref="ExecutionId"/>, when set, ties it to one execution so that messages for an
/// execution that has since continued as new are dropped. It is not visible before <see cref="VisibleAt"/>.
/// </summary>
public sealed record OrchestrationMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, DateTimeOffset? VisibleAt = null);
