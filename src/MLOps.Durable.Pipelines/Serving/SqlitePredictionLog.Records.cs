using System.Text.Json;
using Microsoft.Data.Sqlite;
using static MLOps.Durable.Pipelines.Serving.SqlitePredictionLogSchema;

namespace MLOps.Durable.Pipelines.Serving;

public sealed partial class SqlitePredictionLog
{
    private const string Insert = """
        INSERT INTO Predictions (PredictionId, Model, Version, Alias, Time, Inputs, Outputs)
        VALUES (@id, @model, @version, @alias, @time, @inputs, @outputs)
        """;

    private const string SelectById = $"SELECT {Columns} FROM Predictions WHERE PredictionId = @id";

    private const string SelectPage = $"""
        SELECT {Columns} FROM Predictions
        WHERE Model = @model AND Sequence > @after AND Time >= @since
        ORDER BY Sequence LIMIT @max
        """;

    private const string SelectFeedbackPage = $"""
        SELECT {Columns} FROM Predictions
        WHERE Model = @model AND Sequence > @after AND Time >= @since AND Actual IS NOT NULL
        ORDER BY Sequence LIMIT @max
        """;

    private const string SetFeedback = "UPDATE Predictions SET Actual = @actual, FeedbackAt = @at WHERE PredictionId = @id AND Actual IS NULL";

    /// <inheritdoc />
    public Task AppendAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken = default)
    {
        PredictionLogRules.Append(predictions);
        return WriteAsync(_ =>
        {
            using var command = Command(Insert);
            var id = command.Parameters.Add("@id", SqliteType.Text);
            var model = command.Parameters.Add("@model", SqliteType.Text);
            var version = command.Parameters.Add("@version", SqliteType.Integer);
            var alias = command.Parameters.Add("@alias", SqliteType.Text);
            var time = command.Parameters.Add("@time", SqliteType.Integer);
            var inputs = command.Parameters.Add("@inputs", SqliteType.Text);
            var outputs = command.Parameters.Add("@outputs", SqliteType.Text);
            command.Prepare();
            foreach (var prediction in predictions)
            {
                (id.Value, model.Value, version.Value, alias.Value, time.Value, inputs.Value, outputs.Value) = (
                    Id(prediction.PredictionId), prediction.Model, prediction.Version, prediction.Alias, prediction.Time.UtcTicks,
                    prediction.InputsJson, prediction.OutputsJson);
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == 2067)
                {
                    // SQLITE_CONSTRAINT_UNIQUE: the id is logged already; the transaction rolls back.
                    throw PredictionLogRules.Duplicate(prediction.PredictionId);
                }
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LoggedPrediction?> FindAsync(Guid predictionId, CancellationToken cancellationToken = default) =>
        ReadAsync(() => Find(predictionId) is { } row ? new LoggedPrediction(row.Sequence, row.Prediction) : null, cancellationToken);

    /// <inheritdoc />
    public Task<PredictionFeedback> RecordFeedbackAsync(Guid predictionId, JsonElement actual, CancellationToken cancellationToken = default)
    {
        var value = PredictionLogRules.Actual(actual);
        return WriteAsync(now =>
        {
            var row = Find(predictionId) ?? throw new PredictionNotFoundException(predictionId);
            if (row.Actual is null)
            {
                Execute(SetFeedback, ("@actual", value), ("@at", now.UtcTicks), ("@id", Id(predictionId)));
                return new PredictionFeedback(row.Sequence, row.Prediction, value, now);
            }

            return row.Actual == value
                ? new PredictionFeedback(row.Sequence, row.Prediction, row.Actual, row.FeedbackAt!.Value)
                : throw PredictionLogRules.OtherFeedback(predictionId, row.Actual, value);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LoggedPrediction>> GetPredictionsAsync(
        string model, DateTimeOffset since, long afterSequence = 0, int maxRecords = 1000, CancellationToken cancellationToken = default)
    {
        PredictionLogRules.Query(model, afterSequence, maxRecords);
        return ReadAsync<IReadOnlyList<LoggedPrediction>>(
            () => [.. Page(SelectPage, model, since, afterSequence, maxRecords).Select(r => new LoggedPrediction(r.Sequence, r.Prediction))],
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PredictionFeedback>> GetFeedbackAsync(
        string model, DateTimeOffset since, long afterSequence = 0, int maxRecords = 1000, CancellationToken cancellationToken = default)
    {
        PredictionLogRules.Query(model, afterSequence, maxRecords);
        return ReadAsync<IReadOnlyList<PredictionFeedback>>(
            () => [.. Page(SelectFeedbackPage, model, since, afterSequence, maxRecords).Select(r => new PredictionFeedback(r.Sequence, r.Prediction, r.Actual!, r.FeedbackAt!.Value))],
            cancellationToken);
    }

    private Row? Find(Guid predictionId)
    {
        using var command = Command(SelectById, ("@id", Id(predictionId)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private List<Row> Page(string sql, string model, DateTimeOffset since, long afterSequence, int maxRecords)
    {
        using var command = Command(sql, ("@model", model), ("@after", afterSequence), ("@since", since.UtcTicks), ("@max", maxRecords));
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static string Id(Guid id) => id.ToString("D");

    private static Row Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new PredictionRecord(
            Guid.Parse(reader.GetString(1)), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
            new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero), reader.GetString(6), reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero));

    private sealed record Row(long Sequence, PredictionRecord Prediction, string? Actual, DateTimeOffset? FeedbackAt);
}
