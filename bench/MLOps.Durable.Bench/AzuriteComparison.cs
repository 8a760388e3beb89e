using System.Globalization;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Bench;

/// <summary>
/// The same scenarios on Azurite, next to SQLite at the same sizes: activities/s and orchestrations/s on both,
/// the ratio, storage requests per activity, and where those requests go.
/// </summary>
internal static class AzuriteComparison
{
    /// <summary>
    /// A fifth of the SQLite sizes: Azurite runs 25 to 100 times slower (measured), and half the sizes already took
    /// over two minutes on a busy machine. SQLite is run again at these sizes, so that both columns measure the same work.
    /// </summary>
    public static readonly ScenarioSizes Sizes = ScenarioSizes.Full.DividedBy(5);

    public static async Task<(ScenarioSet Sqlite, ScenarioSet Azurite)> MeasureAsync(
        AzuriteProcess azurite, ScenarioSet sqlite, string workDir, ScenarioSizes sizes)
    {
        using var tally = new StorageRequestTally(azurite);
        var backend = new AzuriteBenchStore(azurite, tally);
        await Warmup.RunAsync(backend);
        var onAzurite = await EngineScenarios.RunAllAsync(backend, sizes);
        var sqliteSameSizes = sqlite.Sizes == sizes
            ? sqlite
            : await EngineScenarios.RunAllAsync(new SqliteBenchStore(Directory.CreateDirectory(Path.Combine(workDir, "same-sizes")).FullName), sizes);
        return (sqliteSameSizes, onAzurite);
    }

    public static void Print(ScenarioSet sqlite, ScenarioSet azurite, Dictionary<string, double> results)
    {
        Console.WriteLine();
        Console.WriteLine($"Azurite (Azure Storage emulator, in-memory, loopback) next to SQLite, both at {azurite.Sizes}; one worker in this process:");
        Console.WriteLine(Row("scenario", "SQLite act/s", "SQLite orch/s", "Azurite act/s", "Azurite orch/s", "Azurite/SQLite", "requests/act", "commits/act"));
        foreach (var ((key, label, onSqlite), (_, _, onAzurite)) in sqlite.All.Zip(azurite.All))
        {
            var ratio = onAzurite.ActivitiesPerSecond / onSqlite.ActivitiesPerSecond;
            Console.WriteLine(Row(label, F(onSqlite.ActivitiesPerSecond), F(onSqlite.OrchestrationsPerSecond), F(onAzurite.ActivitiesPerSecond),
                F(onAzurite.OrchestrationsPerSecond), F(ratio, "0.0000"), F(onAzurite.OperationsPerActivity), F(onSqlite.OperationsPerActivity)));
            results[$"azurite_{key}_activities_per_s"] = Math.Round(onAzurite.ActivitiesPerSecond, 3);
            results[$"azurite_{key}_orchestrations_per_s"] = Math.Round(onAzurite.OrchestrationsPerSecond, 3);
            results[$"azurite_{key}_ratio_to_sqlite"] = Math.Round(ratio, 5);
            results[$"azurite_{key}_requests_per_activity"] = Math.Round(onAzurite.OperationsPerActivity, 3);
        }

        Console.WriteLine("  (act = activities, orch = orchestrations; Azurite/SQLite is the ratio of the rates; requests = Azure Storage requests");
        Console.WriteLine("   sent by the process, retries and idle polls included; commits = SQLite write transactions)");
        PrintBreakdown(azurite);
    }

    /// <summary>Storage requests per activity by service, resource and operation, largest first.</summary>
    private static void PrintBreakdown(ScenarioSet azurite)
    {
        var scenarios = azurite.All.ToList();
        var kinds = scenarios.SelectMany(s => s.Result.Operations.ByKind.Where(k => k.Value != 0).Select(k => k.Key)).Distinct()
            .OrderByDescending(k => scenarios.Sum(s => PerActivity(s.Result, k))).ThenBy(k => k, StringComparer.Ordinal).ToList();
        Console.WriteLine();
        Console.WriteLine("Azurite storage requests per activity, by service, resource and operation:");
        Console.WriteLine($"{string.Empty,-58}" + string.Concat(scenarios.Select(s => $"{s.Label,18}")));
        foreach (var kind in kinds)
        {
            Console.WriteLine($"{kind,-58}" + string.Concat(scenarios.Select(s => $"{F(PerActivity(s.Result, kind)),18}")));
        }

        Console.WriteLine($"{"total",-58}" + string.Concat(scenarios.Select(s => $"{F(s.Result.Operations.ByKind.Values.Sum() / (double)s.Result.Activities),18}")));
        foreach (var (_, label, result) in scenarios.Where(s => s.Result.Operations.ByKind.Values.Sum() != s.Result.Operations.Total))
        {
            Console.WriteLine($"  note: {label}: the rows add up to {result.Operations.ByKind.Values.Sum()} requests, StorageRequestCounter saw {result.Operations.Total}");
        }
    }

    private static double PerActivity(ScenarioResult result, string kind) =>
        result.Operations.ByKind.GetValueOrDefault(kind) / (double)result.Activities;

    private static string Row(string label, params string[] cells) => $"{label,-20}" + string.Concat(cells.Select(c => $"{c,16}"));

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
