using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Serving;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>Serving and the models API over real HTTP, on ONNX Runtime, after iris-auto deployed version 1 to production.</summary>
public sealed class ModelEndpointsTests(ServingFixture serving) : IClassFixture<ServingFixture>
{
    private static readonly string[] Species = ["setosa", "versicolor", "virginica"];

    private HostFixture Host => serving.Host;

    [Fact]
    public async Task Predict_SingleRow_ProductionVersion1AnswersWithProbabilities()
    {
        using var response = await Post("/api/models/iris-auto/predict", new { row = new { sepal_length = 5.1, sepal_width = 3.5, petal_length = 1.4, petal_width = 0.2 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal(1, (int)body["version"]!);
        Assert.Equal("production", (string)body["alias"]!);
        var prediction = Assert.Single(body["predictions"]!.AsArray())!;
        Assert.True(Guid.TryParse((string)prediction["predictionId"]!, out _));
        Assert.Equal("setosa", (string)prediction["label"]!);
        Assert.Equal(Species, prediction["probabilities"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1.0, prediction["probabilities"]!.AsObject().Sum(p => (double)p.Value!), 4);
        Assert.Null(prediction["value"]);
    }

    [Fact]
    public async Task Predict_Batch_LabelsEqualInProcessModelAndRowsAreLogged()
    {
        var rows = IrisRows().Where((_, i) => i % 5 == 0).ToArray();
        var expected = await InProcessLabelsAsync(rows);

        using var response = await Post("/api/models/iris-auto/predict", new { rows, key = "batch-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var predictions = body["predictions"]!.AsArray();
        Assert.Equal("batch-1", (string)body["key"]!);
        Assert.Equal(expected, predictions.Select(p => (string)p!["label"]!));
        Assert.All(predictions, p => Assert.Contains((string)p!["label"]!, Species));
        Assert.All(predictions, p => Assert.Equal(1.0, p!["probabilities"]!.AsObject().Sum(c => (double)c.Value!), 4));
        var log = Host.App.Services.GetRequiredService<IPredictionLog>();
        var logged = await log.FindAsync(Guid.Parse((string)predictions[0]!["predictionId"]!));
        Assert.Equal(1, logged!.Prediction.Version);
        Assert.Equal(
            string.Create(CultureInfo.InvariantCulture, $$"""{"sepal_length":{{rows[0]["sepal_length"]}},"sepal_width":{{rows[0]["sepal_width"]}},"petal_length":{{rows[0]["petal_length"]}},"petal_width":{{rows[0]["petal_width"]}}}"""),
            logged.Prediction.InputsJson);
    }

    [Fact]
    public async Task Predict_BadRows_400NamingEveryBadField()
    {
        using var response = await Post("/api/models/iris-auto/predict", new
        {
            rows = new object[]
            {
                new { sepal_length = "wide", sepal_width = 3.5, petal_length = 1.4, petal_width = 0.2 },
                new { sepal_length = 5.1, sepal_width = 3.5, petal_length = true },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response))["errors"]!.AsArray().Select(e => (string)e!).ToArray();
        Assert.Equal(
        [
            "rows[0].sepal_length: expected a number, got text \"wide\"",
            "rows[1].petal_length: expected a number, got true",
            "rows[1].petal_width: expected a number (the field is required), got nothing",
        ], errors);
    }

    [Fact]
    public async Task Predict_BadBodyOrTooManyRows_400And413()
    {
        using var notJson = await Host.Http.PostAsync("/api/models/iris-auto/predict", new StringContent("rows=1"));
        using var noRows = await Post("/api/models/iris-auto/predict", new { data = 1 });
        using var tooMany = await Post("/api/models/iris-auto/predict", new { rows = Enumerable.Repeat(new { }, 10_001) });

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noRows.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("10000", (string)(await Json(tooMany))["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_Predict_Get_Promote_Are404()
    {
        using var predict = await Post("/api/models/nope/predict", new { row = new { x = 1 } });
        using var get = await Host.Http.GetAsync("/api/models/nope");
        using var promote = await Post("/api/models/nope/promote", new { reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, predict.StatusCode);
        Assert.Contains("'nope'", (string)(await Json(predict))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, promote.StatusCode);
    }

    [Fact]
    public async Task Feedback_RoundTrip_IdempotentThenConflictThenUnknown404()
    {
        using var predicted = await Post("/api/models/iris-auto/predict", new { row = new { sepal_length = 6.7, sepal_width = 3.0, petal_length = 5.2, petal_width = 2.3 } });
        var id = (string)(await Json(predicted))["predictions"]![0]!["predictionId"]!;

        using var first = await Post("/api/models/iris-auto/feedback", new { predictionId = id, actual = "virginica" });
        using var again = await Post("/api/models/iris-auto/feedback", new { predictionId = id, actual = "virginica" });
        using var other = await Post("/api/models/iris-auto/feedback", new { predictionId = id, actual = "setosa" });
        using var unknown = await Post("/api/models/iris-auto/feedback", new { predictionId = Guid.NewGuid(), actual = "setosa" });
        using var invalid = await Post("/api/models/iris-auto/feedback", new { predictionId = "x" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("virginica", (string)(await Json(first))["actual"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(2, (await Json(invalid))["errors"]!.AsArray().Count);
        var pairs = await Host.App.Services.GetRequiredService<IPredictionLog>().GetFeedbackAsync("iris-auto", DateTimeOffset.MinValue);
        Assert.Contains(pairs, p => p.Prediction.PredictionId == Guid.Parse(id) && p.ActualJson == "\"virginica\"");
    }

    [Fact]
    public async Task PromoteAndRollback_NoCanaryNoPreviousVersion_409()
    {
        using var promote = await Post("/api/models/iris-auto/promote", new { reason = "try" });
        using var rollback = await Post("/api/models/iris-auto/rollback");

        Assert.Equal(HttpStatusCode.Conflict, promote.StatusCode);
        Assert.Contains("canary", (string)(await Json(promote))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, rollback.StatusCode);
        Assert.Equal(1, (await Host.App.Services.GetRequiredService<IModelRegistry>().ResolveAsync("iris-auto", ModelAliases.Production)).Version);
    }

    [Fact]
    public async Task Models_ListDetailAndAudit_ShowVersionLineageAliases()
    {
        var models = (await Json(await Host.Http.GetAsync("/api/models"))).AsArray();
        var detail = await Json(await Host.Http.GetAsync("/api/models/iris-auto"));
        var audit = (await Json(await Host.Http.GetAsync("/api/models/iris-auto/audit"))).AsArray();

        var iris = models.Single(m => (string)m!["model"]! == "iris-auto")!;
        Assert.Equal("production", (string)iris["aliases"]![0]!["alias"]!);
        var version = detail["versions"]![0]!;
        Assert.Equal(1, (int)version["version"]!);
        Assert.Equal("iris-auto", (string)version["lineage"]!["pipelineName"]!);
        Assert.True((double)version["metrics"]!["accuracy"]! >= 0.8);
        Assert.Equal(["registered", "aliasSet"], audit.Take(2).Select(e => (string)e!["action"]!));
    }

    [Fact]
    public async Task Predict_WithoutKey_NeedsFunctionKey()
    {
        using var response = await Host.Anonymous.PostAsJsonAsync("/api/models/iris-auto/predict", new { row = new { } });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<string[]> InProcessLabelsAsync(Dictionary<string, double>[] rows)
    {
        var services = Host.App.Services;
        var version = await services.GetRequiredService<IModelRegistry>().ResolveAsync("iris-auto", ModelAliases.Production);
        var reference = version.Artifacts.ModelJson!.Split('/', 2);
        var json = await services.GetRequiredService<IArtifactStore>().ReadAllBytesAsync(reference[0], reference[1]);
        var model = TrainedModel.FromJson(System.Text.Encoding.UTF8.GetString(json));
        var frame = new DataFrame(rows[0].Keys.Select(name => new NumericColumn(name, [.. rows.Select(r => r[name])])));
        var predictions = model.Predict(frame);
        return [.. Enumerable.Range(0, rows.Length).Select(predictions.PredictedLabel)];
    }

    private static IEnumerable<Dictionary<string, double>> IrisRows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "workflows", "data", "iris.csv"));
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            yield return Enumerable.Range(0, 4).ToDictionary(j => header[j], j => double.Parse(cells[j], CultureInfo.InvariantCulture));
        }
    }

    private Task<HttpResponseMessage> Post(string path, object? body = null) =>
        Host.Http.PostAsync(path, body is null ? null : JsonContent.Create(body));

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
}
