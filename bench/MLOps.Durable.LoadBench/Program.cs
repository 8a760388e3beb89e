using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MLOps.Durable.LoadBench;
using MLOps.Durable.Testing.Azurite;

// The host under load, every party in its own process on loopback: pipeline runs started at once on SQLite and on
// Azurite (runs/min, against one run alone on the same host), then the prediction endpoint driven by a separate
// client process next to a constant ASP.NET Core endpoint measured the same way in the same run.
// Usage: bash bench/load.sh [--quick] [--no-azurite]   (the roles "client" and "constant" are the bench's own children)
if (args.FirstOrDefault() == "client")
{
    return await LoadClient.RunAsync(args[1..]);
}

if (args.FirstOrDefault() == "constant")
{
    return await ConstantEndpoint.RunAsync(args[1..]);
}

string[] known = ["--quick", "--no-azurite"];
if (args.FirstOrDefault(a => !known.Contains(a)) is { } unknown)
{
    Console.Error.WriteLine($"Unknown option '{unknown}': expected {string.Join(", ", known)}.");
    return 2;
}

var quick = args.Contains("--quick");
var runs = quick ? 20 : 200;
var referenceRuns = quick ? 1 : 3;
var prediction = quick
    ? new PredictionSettings(Connections: 8, Warmup: TimeSpan.FromSeconds(1), Duration: TimeSpan.FromSeconds(3), Rounds: 1)
    : new PredictionSettings(Connections: 8, Warmup: TimeSpan.FromSeconds(3), Duration: TimeSpan.FromSeconds(10), Rounds: 2);
var repository = RepositoryRoot();
var workDir = Directory.CreateTempSubdirectory("mlops-load-bench-").FullName;
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));

// Azurite first, so that a missing install fails before minutes of measuring; it idles until its turn.
AzuriteProcess? azurite = null;
if (!args.Contains("--no-azurite"))
{
    try
    {
        azurite = await AzuriteProcess.StartAsync(timeout.Token);
    }
    catch (Exception ex) when (ex is FileNotFoundException or Win32Exception)
    {
        Console.Error.WriteLine($"Azurite could not be started: {ex.Message}\nOr pass --no-azurite to measure on SQLite only.");
        return 2;
    }
}

try
{
    Console.WriteLine($"{Environment.ProcessorCount} cores, shared by the host, the store (Azurite is a node process), the bench and the load client.");
    var results = new List<PipelineLoadResult>();
    LoadReport constant;
    LoadReport predict;
    HostLogSummary predictLog;
    Console.WriteLine($"SQLite: {referenceRuns} run(s) alone after one warm-up run, then {runs} at once...");
    await using (var host = await BenchHost.StartAsync(Path.Combine(workDir, "sqlite"), repository, azureStorage: null, timeout.Token))
    {
        results.Add(await PipelineLoad.RunAsync(host, "SQLite", runs, referenceRuns, timeout.Token));
        Console.WriteLine(
            $"Prediction load on the SQLite host: {prediction.Connections} connections, {prediction.Warmup.TotalSeconds:0} s warm-up, " +
            $"{prediction.Duration.TotalSeconds:0} s measured, {prediction.Rounds} round(s) each...");
        (constant, predict, predictLog) = await PredictionLoad.RunAsync(host, prediction, timeout.Token);
    }

    if (azurite is not null)
    {
        Console.WriteLine($"Azurite: {referenceRuns} run(s) alone after one warm-up run, then {runs} at once...");
        await using var host = await BenchHost.StartAsync(Path.Combine(workDir, "azurite"), repository, azurite.ConnectionString, timeout.Token);
        results.Add(await PipelineLoad.RunAsync(host, "Azurite", runs, referenceRuns, timeout.Token));
    }

    var figures = LoadBenchReport.Print(results, constant, predict, predictLog, prediction);
    Console.WriteLine(JsonSerializer.Serialize(figures));
    return results.All(r => r.AllDeployed) && constant.Failures == 0 && predict.Failures == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(workDir, recursive: true);
    if (azurite is not null)
    {
        await azurite.DisposeAsync();
    }
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "MLOps.Durable.sln")))
        {
            return directory.FullName;
        }
    }

    throw new DirectoryNotFoundException($"No MLOps.Durable.sln above {AppContext.BaseDirectory}: run the bench from the repository (bash bench/load.sh).");
}
