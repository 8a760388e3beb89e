using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using MLOps.Durable.Bench;
using MLOps.Durable.Testing.Azurite;

// Engine throughput on the SQLite store, each figure also given as a ratio to the raw SQLite
// single-row-transaction rate measured on the same machine, in the same run, with the same file settings;
// then the same scenarios on a real Azurite next to SQLite (skipped with --no-azurite).
// Usage: dotnet run --project bench/MLOps.Durable.Bench -c Release [-- --quick] [--no-azurite]
string[] known = ["--quick", "--no-azurite"];
if (args.FirstOrDefault(a => !known.Contains(a)) is { } unknown)
{
    Console.Error.WriteLine($"Unknown option '{unknown}': expected {string.Join(", ", known)}.");
    return 2;
}

var quick = args.Contains("--quick");
var workDir = Path.Combine(Path.GetTempPath(), "mlops-durable-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

// Azurite first, so that a missing install fails before a minute of measuring; it idles until its turn.
AzuriteProcess? azurite = null;
if (!args.Contains("--no-azurite"))
{
    using var startTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    try
    {
        azurite = await AzuriteProcess.StartAsync(startTimeout.Token);
    }
    catch (FileNotFoundException ex)
    {
        Console.Error.WriteLine($"{ex.Message}\nOr pass --no-azurite to run the SQLite scenarios only.");
        return 2;
    }
    catch (Win32Exception ex)
    {
        Console.Error.WriteLine($"Azurite could not be started: {ex.Message}\nInstall Node.js 20+ (node on PATH), or pass --no-azurite to run the SQLite scenarios only.");
        return 2;
    }
}

Directory.CreateDirectory(workDir);
try
{
    var sizes = quick ? ScenarioSizes.Full.DividedBy(10) : ScenarioSizes.Full;
    var results = new Dictionary<string, double>();

    var limit = RawSqliteLimit.Measure(Path.Combine(workDir, "limit.db"), TimeSpan.FromSeconds(quick ? 1 : 3));
    Report(results, "limit_sqlite_insert_tx_per_s", limit, "raw SQLite single-row insert transactions/s (reference)");

    await Warmup.RunAsync(new SqliteBenchStore(Directory.CreateDirectory(Path.Combine(workDir, "warmup")).FullName));
    var sqlite = await EngineScenarios.RunAllAsync(new SqliteBenchStore(workDir), sizes);

    Report(results, "sequential_activities_per_s", sqlite.Sequential.ActivitiesPerSecond, "sequential chain, activities/s", limit);
    Report(results, "sequential_commits_per_activity", sqlite.Sequential.OperationsPerActivity, "  SQLite commits per activity");
    Report(results, "fanout_activities_per_s", sqlite.FanOut.ActivitiesPerSecond, "fan-out/fan-in, activities/s", limit);
    Report(results, "fanout_commits_per_activity", sqlite.FanOut.OperationsPerActivity, "  SQLite commits per activity");
    Report(results, "hello_sequence5_orchestrations_per_s", sqlite.Hello.OrchestrationsPerSecond, "hello-sequence-5, orchestrations/s", limit);
    Report(results, "hello_sequence5_commits_per_activity", sqlite.Hello.OperationsPerActivity, "  SQLite commits per activity");

    if (azurite is not null)
    {
        var (sqliteSameSizes, onAzurite) = await AzuriteComparison.MeasureAsync(
            azurite, sqlite, workDir, quick ? AzuriteComparison.Sizes.DividedBy(10) : AzuriteComparison.Sizes);
        AzuriteComparison.Print(sqliteSameSizes, onAzurite, results);
    }

    Console.WriteLine(JsonSerializer.Serialize(results));
    return 0;
}
finally
{
    Directory.Delete(workDir, recursive: true);
    if (azurite is not null)
    {
        await azurite.DisposeAsync();
    }
}

static void Report(Dictionary<string, double> results, string key, double value, string label, double? reference = null)
{
    results[key] = Math.Round(value, 3);
    var ratio = reference is { } r ? $"   ({value / r:0.000} x the raw SQLite transaction rate)" : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-60} {value,12:0.00}{ratio}"));
}
