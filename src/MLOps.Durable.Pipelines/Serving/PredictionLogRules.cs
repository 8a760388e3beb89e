using System.Text.Json;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Argument checks and value forms every prediction log backend shares, so they fail alike.</summary>
internal static class PredictionLogRules
{
    /// <summary>The most records one query returns.</summary>
    public const int MaxPage = 10_000;

    public static void Append(IReadOnlyList<PredictionRecord> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < predictions.Count; i++)
        {
            var record = predictions[i] ?? throw new ArgumentException($"predictions[{i}] is null; expected a prediction record.", nameof(predictions));
            ArgumentException.ThrowIfNullOrWhiteSpace(record.Model, $"{nameof(predictions)}[{i}].{nameof(PredictionRecord.Model)}");
            ArgumentException.ThrowIfNullOrWhiteSpace(record.Alias, $"{nameof(predictions)}[{i}].{nameof(PredictionRecord.Alias)}");
            ArgumentNullException.ThrowIfNull(record.InputsJson, $"{nameof(predictions)}[{i}].{nameof(PredictionRecord.InputsJson)}");
            ArgumentNullException.ThrowIfNull(record.OutputsJson, $"{nameof(predictions)}[{i}].{nameof(PredictionRecord.OutputsJson)}");
            if (!seen.Add(record.PredictionId))
            {
                throw Duplicate(record.PredictionId);
            }
        }
    }

    public static void Query(string model, long afterSequence, int maxRecords)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (afterSequence < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(afterSequence), afterSequence, $"afterSequence {afterSequence} is negative; expected 0 or the last sequence of the previous page.");
        }

        if (maxRecords is < 1 or > MaxPage)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRecords), maxRecords, $"maxRecords {maxRecords} is out of range; expected 1 to {MaxPage}.");
        }
    }

    /// <summary>The feedback value in its stored form: compact JSON, so the same value posted twice compares equal.</summary>
    public static string Actual(JsonElement actual)
    {
        if (actual.ValueKind == JsonValueKind.Undefined)
        {
            throw new ArgumentException("actual is missing; expected the ground truth as a JSON value (a label or a number).", nameof(actual));
        }

        return JsonSerializer.Serialize(actual);
    }

    public static PredictionConflictException Duplicate(Guid id) =>
        new(id, $"Prediction '{id}' is already in the prediction log; every prediction needs a new id.");

    public static PredictionConflictException OtherFeedback(Guid id, string recorded, string given) =>
        new(id, $"Prediction '{id}' already has feedback {recorded}; got {given}. Feedback is recorded once per prediction.");
}
