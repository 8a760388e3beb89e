namespace MLOps.Durable;

/// <summary>
/// Base class for orchestrators. <see cref="RunAsync"/> is replayed from history, so it must be
/// deterministic: time from <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>, ids from
/// <see cref="TaskOrchestrationContext.NewGuid"/>, waits only on durable tasks, no I/O.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    Type ITaskOrchestrator.InputType => typeof(TInput);

    Type ITaskOrchestrator.OutputType => typeof(TOutput);

    /// <summary>The orchestration's logic.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
