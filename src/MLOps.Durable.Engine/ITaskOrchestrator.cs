namespace MLOps.Durable;

/// <summary>An orchestrator as the engine sees it: untyped input and output.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator's code; called again on every replay.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
