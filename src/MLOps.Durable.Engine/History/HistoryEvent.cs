using System.Text.Json.Serialization;

namespace MLOps.Durable.History;

/// <summary>
/// One entry of an orchestration instance's append-only history. Event ids of scheduling events
/// (<see cref="TaskScheduled"/>, <see cref="TimerCreated"/>, <see cref="SubOrchestrationInstanceCreated"/>,
/// <see cref="EventSent"/>) are the orchestrator's action sequence ids; other events carry -1.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType")]
[JsonDerivedType(typeof(ExecutionStarted), nameof(ExecutionStarted))]
[JsonDerivedType(typeof(ExecutionCompleted), nameof(ExecutionCompleted))]
[JsonDerivedType(typeof(ExecutionFailed), nameof(ExecutionFailed))]
[JsonDerivedType(typeof(ExecutionTerminated), nameof(ExecutionTerminated))]
[JsonDerivedType(typeof(ExecutionSuspended), nameof(ExecutionSuspended))]
[JsonDerivedType(typeof(ExecutionResumed), nameof(ExecutionResumed))]
[JsonDerivedType(typeof(ExecutionRewound), nameof(ExecutionRewound))]
[JsonDerivedType(typeof(ContinueAsNew), nameof(ContinueAsNew))]
[JsonDerivedType(typeof(OrchestratorStarted), nameof(OrchestratorStarted))]
[JsonDerivedType(typeof(OrchestratorCompleted), nameof(OrchestratorCompleted))]
[JsonDerivedType(typeof(TaskScheduled), nameof(TaskScheduled))]
[JsonDerivedType(typeof(TaskCompleted), nameof(TaskCompleted))]
[JsonDerivedType(typeof(TaskFailed), nameof(TaskFailed))]
[JsonDerivedType(typeof(TimerCreated), nameof(TimerCreated))]
[JsonDerivedType(typeof(TimerFired), nameof(TimerFired))]
[JsonDerivedType(typeof(EventRaised), nameof(EventRaised))]
[JsonDerivedType(typeof(EventSent), nameof(EventSent))]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreated), nameof(SubOrchestrationInstanceCreated))]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompleted), nameof(SubOrchestrationInstanceCompleted))]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailed), nameof(SubOrchestrationInstanceFailed))]
public abstract record HistoryEvent(int EventId, DateTimeOffset Timestamp)
{
    /// <summary>The event's type name as stored and shown in APIs (<c>TaskScheduled</c>, ...).</summary>
    [JsonIgnore]
    public string EventType => GetType().Name;
}
