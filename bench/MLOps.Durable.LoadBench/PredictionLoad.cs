using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MLOps.Durable.LoadBench;

/// <summary>
/// <c>POST /api/models/{name}/predict</c> on the host under load from a separate client process, next to a minimal
/// ASP.NET Core endpoint that returns a constant (its own process, same machine) measured by the same client with
/// the same settings in the same run. Rounds alternate constant, predict; the best round of each is kept.
/// </summary>
internal static class PredictionLoad
{
    /// <summary>One iris row, as a caller of the sample pipeline would send it.</summary>
    public const string Body = """{"row":{"sepal_length":6.3,"sepal_width":2.9,"petal_length":5.6,"petal_width":1.8}}""";

    public static async Task<(LoadReport Constant, LoadReport Predict, HostLogSummary HostLog)> RunAsync(
        BenchHost host, PredictionSettings settings, CancellationToken cancellationToken)
    {
        var logBefore = host.Output.Length;
        var predict = new Uri(host.BaseAddress, $"/api/models/{BenchHost.Pipeline}/predict");
        using (var probe = await host.Http.PostAsync(predict, new StringContent(Body, System.Text.Encoding.UTF8, "application/json"), cancellationToken))
        {
            var answer = await probe.Content.ReadAsStringAsync(cancellationToken);
            if (probe.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"predict answered {(int)probe.StatusCode} before the load: {answer}\n{host.Output}");
            }

            Console.WriteLine($"  predict answers: {answer}");
        }

        var port = ChildProcess.FreePort();
        await using var constant = ChildProcess.Start(
            "constant endpoint",
            "MLOps.Durable.LoadBench.dll",
            ["constant", "--urls", $"http://127.0.0.1:{port}"],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" });
        using (var http = new HttpClient())
        {
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startTimeout.CancelAfter(TimeSpan.FromSeconds(60));
            await constant.WaitUntilHealthyAsync(http, new Uri($"http://127.0.0.1:{port}/health"), startTimeout.Token);
        }

        var constantUrl = new Uri($"http://127.0.0.1:{port}{ConstantEndpoint.Path}");
        var constantRounds = new List<LoadReport>();
        var predictRounds = new List<LoadReport>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            constantRounds.Add(await MeasureAsync("constant", constantUrl, key: null, settings, cancellationToken));
            predictRounds.Add(await MeasureAsync("predict", predict, BenchHost.FunctionKey, settings, cancellationToken));
        }

        return (Best(constantRounds), Best(predictRounds), HostLogSummary.Of(host.Output[logBefore..]));
    }

    private static async Task<LoadReport> MeasureAsync(string label, Uri url, string? key, PredictionSettings settings, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "client", "--url", url.ToString(), "--body", Body, "--connections", $"{settings.Connections}",
            "--warmup", $"{settings.Warmup.TotalSeconds}", "--duration", $"{settings.Duration.TotalSeconds}",
        ];
        if (key is not null)
        {
            arguments.AddRange(["--key", key]);
        }

        await using var client = ChildProcess.Start($"load client ({label})", "MLOps.Durable.LoadBench.dll", arguments);
        var exit = await client.WaitForExitAsync(cancellationToken);
        var lastLine = client.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (exit != 0 || lastLine is null || !lastLine.StartsWith('{'))
        {
            throw new InvalidOperationException($"The load client ({label}) exited with {exit}:\n{client.Output}");
        }

        var report = JsonSerializer.Deserialize<LoadReport>(lastLine, JsonSerializerOptions.Web)!;
        Console.WriteLine($"  {label,-8} round: {report.RequestsPerSecond,9:0} req/s  p50 {report.P50,7:0.00} ms  p99 {report.P99,7:0.00} ms  failures {report.Failures}");
        return report;
    }

    private static LoadReport Best(List<LoadReport> rounds) => rounds.MaxBy(r => r.RequestsPerSecond)!;
}
