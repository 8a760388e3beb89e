namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Prediction rows do not match the model's schema (maps to 400); <see cref="Errors"/> names every bad field.</summary>
public sealed class InvalidPredictionInputException : ServingException
{
    /// <summary>Creates the error from the field messages (<c>rows[i].field: expected ..., got ...</c>).</summary>
    public InvalidPredictionInputException(IReadOnlyList<string> errors, int errorCount)
        : base(Describe(errors, errorCount))
    {
        Errors = errors;
        ErrorCount = errorCount;
    }

    /// <summary>One message per bad field, in row then column order (at most the configured number).</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>How many bad fields there were in all (more than <see cref="Errors"/> holds when cut off).</summary>
    public int ErrorCount { get; }

    private static string Describe(IReadOnlyList<string> errors, int errorCount)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var more = errorCount > errors.Count ? $"; and {errorCount - errors.Count} more" : string.Empty;
        return $"{errorCount} invalid field{(errorCount == 1 ? string.Empty : "s")}: {string.Join("; ", errors)}{more}.";
    }
}
