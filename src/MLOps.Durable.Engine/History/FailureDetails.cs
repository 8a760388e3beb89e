namespace MLOps.Durable.History;

/// <summary>
/// What went wrong in an activity, sub-orchestration or orchestrator: stored in history and surfaced to
/// orchestrator code through <see cref="TaskFailedException"/> and to clients through instance metadata.
/// </summary>
public sealed record FailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    FailureDetails? InnerFailure = null,
    bool IsNonRetriable = false)
{
    /// <summary>Captures an exception and its inner exceptions.</summary>
    public static FailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException taskFailed)
        {
            // Re-thrown task failures keep the original failure as the inner cause.
            return new FailureDetails(
                exception.GetType().FullName!, exception.Message, exception.StackTrace, taskFailed.FailureDetails);
        }

        return new FailureDetails(
            exception.GetType().FullName!,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException),
            exception is NonDeterministicOrchestrationException);
    }

    /// <summary>True when this failure, or one of its inner failures, was caused by <typeparamref name="TException"/>.</summary>
    public bool IsCausedBy<TException>() where TException : Exception
    {
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            var type = Type.GetType(failure.ErrorType, throwOnError: false);
            if (type is not null && typeof(TException).IsAssignableFrom(type))
            {
                return true;
            }

            if (failure.ErrorType == typeof(TException).FullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() =>
        InnerFailure is null ? $"{ErrorType}: {ErrorMessage}" : $"{ErrorType}: {ErrorMessage} ---> {InnerFailure}";
}
