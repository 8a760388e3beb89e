using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Serving;
using MLOps.Durable.Pipelines.Tests.Testing;

namespace MLOps.Durable.Pipelines.Tests.Serving;

/// <summary>The prediction log conformance suite on a real SQLite file (one per test), plus what only a file can show.</summary>
public sealed class SqlitePredictionLogTests : PredictionLogConformanceSuite
{
    private readonly TemporaryFolder _folder = new("prediction-log");

    protected override async Task<IPredictionLog> CreateLogAsync(TimeProvider time)
    {
        var log = new SqlitePredictionLog(new SqlitePredictionLogOptions { DataSource = _folder.File("predictions.db"), TimeProvider = time });
        await log.InitializeAsync();
        return log;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task InitializeAsync_ReopenedFile_KeepsPredictionsAndFeedback()
    {
        var id = Guid.NewGuid();
        await Log.AppendAsync([new PredictionRecord(id, "iris", 1, "production", Time.GetUtcNow(), "{}", "{}")]);
        await Log.RecordFeedbackAsync(id, System.Text.Json.JsonDocument.Parse("\"setosa\"").RootElement);
        await ((SqlitePredictionLog)Log).DisposeAsync();

        await using var reopened = new SqlitePredictionLog(new SqlitePredictionLogOptions { DataSource = _folder.File("predictions.db"), TimeProvider = Time });

        Assert.Equal("\"setosa\"", (await reopened.GetFeedbackAsync("iris", DateTimeOffset.MinValue)).Single().ActualJson);
    }

    [Fact]
    public async Task InitializeAsync_RegistryFile_RefusesNamingFile()
    {
        var path = _folder.File("registry.db");
        await using (var registry = new SqliteModelRegistry(new SqliteModelRegistryOptions { DataSource = path }))
        {
            await registry.InitializeAsync();
        }

        await using var log = new SqlitePredictionLog(new SqlitePredictionLogOptions { DataSource = path });

        var error = await Assert.ThrowsAsync<PredictionLogSchemaException>(() => log.InitializeAsync());
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
