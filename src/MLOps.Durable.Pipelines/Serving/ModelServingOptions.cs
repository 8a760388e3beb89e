namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Settings of <see cref="ModelServer"/> and its prediction log, with defaults; <see cref="Validate"/> names a bad one.</summary>
public sealed class ModelServingOptions
{
    /// <summary>The most rows one predict request may carry (10,000 by default); more is refused with 413.</summary>
    public int MaxRowsPerRequest { get; set; } = 10_000;

    /// <summary>How many (model, version) predictors stay loaded (16 by default); the least recently used is disposed beyond that.</summary>
    public int CacheCapacity { get; set; } = 16;

    /// <summary>How many bad fields one 400 lists (100 by default); the total is always given.</summary>
    public int MaxReportedErrors { get; set; } = 100;

    /// <summary>The prediction log's SQLite file; null keeps the log in memory.</summary>
    public string? PredictionLogPath { get; set; }

    /// <summary>The clock for prediction times and feedback; the container's <see cref="System.TimeProvider"/> or the system clock when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Positive(MaxRowsPerRequest, nameof(MaxRowsPerRequest));
        Positive(CacheCapacity, nameof(CacheCapacity));
        Positive(MaxReportedErrors, nameof(MaxReportedErrors));
        if (PredictionLogPath is not null && string.IsNullOrWhiteSpace(PredictionLogPath))
        {
            throw new ArgumentException(
                $"{nameof(ModelServingOptions)}.{nameof(PredictionLogPath)} is blank: expected a file path, or null for an in-memory log.", nameof(PredictionLogPath));
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"{nameof(ModelServingOptions)}.{name} is {value}: expected 1 or more.", name);
        }
    }
}
