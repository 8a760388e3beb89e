using MLOps.Durable.History;

namespace MLOps.Durable.Replay;

/// <summary>
/// A scheduled action whose completion the orchestrator awaits: it resolves with the serialized result,
/// or fails with <see cref="TaskFailedException"/>.
/// </summary>
internal sealed class OpenTask(string name, int id)
{
    private readonly TaskCompletionSource<string?> _completion = new();

    public string Name { get; } = name;

    public int Id { get; } = id;

    public Task<string?> Task => _completion.Task;

    public void Complete(string? result) => _completion.TrySetResult(result);

    public void Fail(FailureDetails failure) => _completion.TrySetException(new TaskFailedException(Name, Id, failure));

    public void Cancel() => _completion.TrySetCanceled();
}
