using System.Text.Json;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// Every served prediction with its inputs and outputs, and the ground truth posted for it later: the data the
/// drift and performance monitors read. Append-only except for attaching feedback once per prediction.
/// </summary>
public interface IPredictionLog
{
    /// <summary>Appends predictions in one commit (all or none).</summary>
    /// <exception cref="PredictionConflictException">A prediction id is already in the log.</exception>
    Task AppendAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken = default);

    /// <summary>One prediction, or null when the log has no such id.</summary>
    Task<LoggedPrediction?> FindAsync(Guid predictionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attaches the ground truth to a prediction, stamped with the log's clock. Posting the same value again
    /// returns the first record unchanged (a retried call is harmless).
    /// </summary>
    /// <exception cref="PredictionNotFoundException">The log has no such prediction.</exception>
    /// <exception cref="PredictionConflictException">Different feedback was already recorded for it.</exception>
    Task<PredictionFeedback> RecordFeedbackAsync(Guid predictionId, JsonElement actual, CancellationToken cancellationToken = default);

    /// <summary>
    /// A model's predictions made at or after <paramref name="since"/>, in log order, after
    /// <paramref name="afterSequence"/> (0 for the start), at most <paramref name="maxRecords"/>; page on with the last sequence.
    /// </summary>
    Task<IReadOnlyList<LoggedPrediction>> GetPredictionsAsync(
        string model, DateTimeOffset since, long afterSequence = 0, int maxRecords = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// A model's predictions made at or after <paramref name="since"/> that have feedback, with it, in log order;
    /// paged like <see cref="GetPredictionsAsync"/>.
    /// </summary>
    Task<IReadOnlyList<PredictionFeedback>> GetFeedbackAsync(
        string model, DateTimeOffset since, long afterSequence = 0, int maxRecords = 1000, CancellationToken cancellationToken = default);
}
