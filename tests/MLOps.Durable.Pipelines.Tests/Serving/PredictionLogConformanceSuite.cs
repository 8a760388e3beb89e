using System.Text.Json;
using MLOps.Durable.Pipelines.Serving;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Serving;

/// <summary>
/// The prediction log contract every backend must pass unchanged. A backend's test class derives from this and
/// says how to create an empty log; every test then runs against it on a fake clock.
/// </summary>
public abstract class PredictionLogConformanceSuite : IAsyncLifetime
{
    private const string Iris = "iris";

    protected FakeTimeProvider Time { get; } = new();

    protected IPredictionLog Log { get; private set; } = null!;

    /// <summary>A fresh, empty log on <paramref name="time"/>.</summary>
    protected abstract Task<IPredictionLog> CreateLogAsync(TimeProvider time);

    public async Task InitializeAsync() => Log = await CreateLogAsync(Time);

    public virtual async Task DisposeAsync()
    {
        if (Log is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task AppendAsync_Batch_FindsEachWithIncreasingSequence()
    {
        var first = Prediction();
        var second = Prediction(version: 2, alias: "canary");

        await Log.AppendAsync([first, second]);

        var a = await Log.FindAsync(first.PredictionId);
        var b = await Log.FindAsync(second.PredictionId);
        Assert.Equal(first, a!.Prediction);
        Assert.Equal(second, b!.Prediction);
        Assert.True(b.Sequence > a.Sequence);
        Assert.Null(await Log.FindAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task AppendAsync_ExistingId_ThrowsConflictAndAppendsNothing()
    {
        var logged = Prediction();
        await Log.AppendAsync([logged]);
        var fresh = Prediction();

        var error = await Assert.ThrowsAsync<PredictionConflictException>(() => Log.AppendAsync([fresh, logged with { Version = 9 }]));

        Assert.Equal(logged.PredictionId, error.PredictionId);
        Assert.Null(await Log.FindAsync(fresh.PredictionId));
        Assert.Equal(1, (await Log.FindAsync(logged.PredictionId))!.Prediction.Version);
    }

    [Fact]
    public async Task RecordFeedbackAsync_Known_ReturnsPairStampedWithClock()
    {
        var prediction = Prediction();
        await Log.AppendAsync([prediction]);
        Time.Advance(TimeSpan.FromMinutes(5));

        var feedback = await Log.RecordFeedbackAsync(prediction.PredictionId, Json("\"setosa\""));

        Assert.Equal(prediction, feedback.Prediction);
        Assert.Equal("\"setosa\"", feedback.ActualJson);
        Assert.Equal(Time.GetUtcNow(), feedback.ReceivedAt);
    }

    [Fact]
    public async Task RecordFeedbackAsync_SameValueAgain_IsIdempotent()
    {
        var prediction = Prediction();
        await Log.AppendAsync([prediction]);
        var first = await Log.RecordFeedbackAsync(prediction.PredictionId, Json("{\"a\": 1.5}"));
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = await Log.RecordFeedbackAsync(prediction.PredictionId, Json("{ \"a\" : 1.5 }"));

        Assert.Equal(first, again);
        Assert.Equal("{\"a\":1.5}", again.ActualJson);
    }

    [Fact]
    public async Task RecordFeedbackAsync_DifferentValue_ThrowsConflictNamingBoth()
    {
        var prediction = Prediction();
        await Log.AppendAsync([prediction]);
        await Log.RecordFeedbackAsync(prediction.PredictionId, Json("\"setosa\""));

        var error = await Assert.ThrowsAsync<PredictionConflictException>(() => Log.RecordFeedbackAsync(prediction.PredictionId, Json("\"virginica\"")));

        Assert.Contains("\"setosa\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"virginica\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("\"setosa\"", (await Log.GetFeedbackAsync(Iris, DateTimeOffset.MinValue)).Single().ActualJson);
    }

    [Fact]
    public async Task RecordFeedbackAsync_UnknownId_ThrowsNotFound()
    {
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<PredictionNotFoundException>(() => Log.RecordFeedbackAsync(id, Json("1")));

        Assert.Equal(id, error.PredictionId);
        Assert.Contains(id.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPredictionsAsync_SinceAndModel_FiltersAndPagesInLogOrder()
    {
        var start = Time.GetUtcNow();
        var old = Prediction(time: start.AddHours(-1));
        var other = Prediction(model: "churn", time: start);
        var recent = Enumerable.Range(0, 5).Select(i => Prediction(time: start.AddSeconds(i))).ToArray();
        await Log.AppendAsync([old, other, .. recent[..2]]);
        await Log.AppendAsync(recent[2..]);

        var firstPage = await Log.GetPredictionsAsync(Iris, start, maxRecords: 3);
        var secondPage = await Log.GetPredictionsAsync(Iris, start, firstPage[^1].Sequence, maxRecords: 3);

        Assert.Equal(recent[..3], firstPage.Select(p => p.Prediction));
        Assert.Equal(recent[3..], secondPage.Select(p => p.Prediction));
        Assert.Empty(await Log.GetPredictionsAsync(Iris, start, secondPage[^1].Sequence));
        Assert.Equal([other], (await Log.GetPredictionsAsync("churn", DateTimeOffset.MinValue)).Select(p => p.Prediction));
    }

    [Fact]
    public async Task GetFeedbackAsync_OnlyPredictionsWithFeedback_SinceTime()
    {
        var start = Time.GetUtcNow();
        var old = Prediction(time: start.AddDays(-1));
        var answered = Prediction(time: start);
        var open = Prediction(time: start);
        await Log.AppendAsync([old, answered, open]);
        await Log.RecordFeedbackAsync(old.PredictionId, Json("\"setosa\""));
        await Log.RecordFeedbackAsync(answered.PredictionId, Json("\"versicolor\""));

        var pairs = await Log.GetFeedbackAsync(Iris, start);

        var pair = Assert.Single(pairs);
        Assert.Equal(answered, pair.Prediction);
        Assert.Equal("\"versicolor\"", pair.ActualJson);
        Assert.Equal(2, (await Log.GetFeedbackAsync(Iris, DateTimeOffset.MinValue)).Count);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, 10_001)]
    public async Task GetPredictionsAsync_BadPage_ThrowsNamingArgument(long after, int max)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Log.GetPredictionsAsync(Iris, DateTimeOffset.MinValue, after, max));

        Assert.Contains(after < 0 ? "afterSequence" : "maxRecords", error.Message, StringComparison.Ordinal);
    }

    private PredictionRecord Prediction(string model = Iris, int version = 1, string alias = "production", DateTimeOffset? time = null) =>
        new(Guid.NewGuid(), model, version, alias, time ?? Time.GetUtcNow(), "{\"petal_length\":1.4}", "{\"label\":\"setosa\"}");

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
