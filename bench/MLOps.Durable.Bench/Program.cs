using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MLOps.Durable.Bench;

// Engine throughput on the SQLite store, each figure also given as a ratio to the raw SQLite
// single-row-transaction rate measured on the same machine, in the same run, with the same file settings.
var quick = args.Contains("--quick");
var workDir = Path.Combine(Path.GetTempPath(), "mlops-durable-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(workDir);
try
{
    var scale = quick ? 10 : 1;
    var results = new Dictionary<string, double>();

    var limit = RawSqliteLimit.Measure(Path.Combine(workDir, "limit.db"), TimeSpan.FromSeconds(quick ? 1 : 3));
    Report(results, "limit_sqlite_insert_tx_per_s", limit, "raw SQLite single-row insert transactions/s (reference)");

    await Warmup.RunAsync(workDir);

    var sequential = await EngineScenarios.SequentialAsync(workDir, 1_000 / scale);
    Report(results, "sequential_activities_per_s", sequential.Rate, "sequential chain, activities/s", limit);
    Report(results, "sequential_commits_per_activity", sequential.CommitsPerActivity, "  SQLite commits per activity");

    var fanOut = await EngineScenarios.FanOutAsync(workDir, 5_000 / scale);
    Report(results, "fanout_activities_per_s", fanOut.Rate, "fan-out/fan-in, activities/s", limit);
    Report(results, "fanout_commits_per_activity", fanOut.CommitsPerActivity, "  SQLite commits per activity");

    var hello = await EngineScenarios.HelloSequenceAsync(workDir, 500 / scale, 5);
    Report(results, "hello_sequence5_orchestrations_per_s", hello.Rate, "hello-sequence-5, orchestrations/s", limit);
    Report(results, "hello_sequence5_commits_per_activity", hello.CommitsPerActivity, "  SQLite commits per activity");

    Console.WriteLine(JsonSerializer.Serialize(results));
}
finally
{
    Directory.Delete(workDir, recursive: true);
}

static void Report(Dictionary<string, double> results, string key, double value, string label, double? reference = null)
{
    results[key] = Math.Round(value, 3);
    var ratio = reference is { } r ? $"   ({value / r:0.000} x the raw SQLite transaction rate)" : string.Empty;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-60} {value,12:0.00}{ratio}"));
}

