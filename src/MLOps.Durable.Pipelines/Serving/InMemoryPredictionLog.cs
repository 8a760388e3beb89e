using System.Text.Json;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The prediction log in memory, for tests and hosts that need no history across restarts.</summary>
public sealed class InMemoryPredictionLog : IPredictionLog
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
    private readonly Dictionary<Guid, Entry> _byId = [];
    private readonly TimeProvider _time;
    private long _sequence;

    /// <summary>Creates an empty log; <paramref name="time"/> stamps feedback (<see cref="TimeProvider.System"/> when null).</summary>
    public InMemoryPredictionLog(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken = default)
    {
        PredictionLogRules.Append(predictions);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (predictions.FirstOrDefault(p => _byId.ContainsKey(p.PredictionId)) is { } duplicate)
            {
                throw PredictionLogRules.Duplicate(duplicate.PredictionId);
            }

            foreach (var prediction in predictions)
            {
                var entry = new Entry(++_sequence, prediction);
                _entries.Add(entry);
                _byId.Add(prediction.PredictionId, entry);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<LoggedPrediction?> FindAsync(Guid predictionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.TryGetValue(predictionId, out var entry) ? new LoggedPrediction(entry.Sequence, entry.Prediction) : null);
        }
    }

    /// <inheritdoc />
    public Task<PredictionFeedback> RecordFeedbackAsync(Guid predictionId, JsonElement actual, CancellationToken cancellationToken = default)
    {
        var value = PredictionLogRules.Actual(actual);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(predictionId, out var entry))
            {
                throw new PredictionNotFoundException(predictionId);
            }

            if (entry.Actual is null)
            {
                entry.Actual = value;
                entry.ReceivedAt = _time.GetUtcNow();
            }
            else if (entry.Actual != value)
            {
                throw PredictionLogRules.OtherFeedback(predictionId, entry.Actual, value);
            }

            return Task.FromResult(entry.Feedback());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedPrediction>> GetPredictionsAsync(
        string model, DateTimeOffset since, long afterSequence = 0, int maxRecords = 1000, CancellationToken cancellationToken = default)
    {
        PredictionLogRules.Query(model, afterSequence, maxRecords);
        lock (_gate)
        {
            IReadOnlyList<LoggedPrediction> page =
                [.. Select(model, since, afterSequence).Take(maxRecords).Select(e => new LoggedPrediction(e.Sequence, e.Prediction))];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PredictionFeedback>> GetFeedbackAsync(
        string model, DateTimeOffset since, long afterSequence = 0, int maxRecords = 1000, CancellationToken cancellationToken = default)
    {
        PredictionLogRules.Query(model, afterSequence, maxRecords);
        lock (_gate)
        {
            IReadOnlyList<PredictionFeedback> page =
                [.. Select(model, since, afterSequence).Where(e => e.Actual is not null).Take(maxRecords).Select(e => e.Feedback())];
            return Task.FromResult(page);
        }
    }

    private IEnumerable<Entry> Select(string model, DateTimeOffset since, long afterSequence) =>
        _entries.Where(e => e.Sequence > afterSequence && e.Prediction.Model == model && e.Prediction.Time >= since);

    /// <summary>A logged prediction and its feedback; guarded by the log's lock.</summary>
    private sealed class Entry(long sequence, PredictionRecord prediction)
    {
        public long Sequence { get; } = sequence;

        public PredictionRecord Prediction { get; } = prediction;

        public string? Actual { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }

        public PredictionFeedback Feedback() => new(Sequence, Prediction, Actual!, ReceivedAt);
    }
}
