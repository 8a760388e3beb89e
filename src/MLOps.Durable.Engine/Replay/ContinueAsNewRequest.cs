using MLOps.Durable.History;

namespace MLOps.Durable.Replay;

/// <summary>The new execution's input and the external events it inherits.</summary>
internal sealed record ContinueAsNewRequest(string? SerializedInput, IReadOnlyList<EventRaised> CarriedEvents);
