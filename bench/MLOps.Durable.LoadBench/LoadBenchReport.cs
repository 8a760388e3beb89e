using System.Globalization;

namespace MLOps.Durable.LoadBench;

/// <summary>The tables the bench prints, and the figures of its JSON last line.</summary>
internal static class LoadBenchReport
{
    public static Dictionary<string, double> Print(
        IReadOnlyList<PipelineLoadResult> pipelines, LoadReport constant, LoadReport predict, HostLogSummary predictLog, PredictionSettings settings)
    {
        var figures = new Dictionary<string, double>();
        Console.WriteLine();
        Console.WriteLine($"Pipeline runs started at once over HTTP (iris, one logistic candidate, no reviewer: validate, train, evaluate, deploy, monitor):");
        Console.WriteLine(Row("backend", "runs", "deployed", "versions", "accepted in", "first done", "last done", "runs/min", "run p50", "run p99", "run alone", "x alone"));
        foreach (var r in pipelines)
        {
            var key = r.Backend.ToLowerInvariant();
            var timesAlone = r.AloneRunsPerMinute > 0 ? r.RunsPerMinute / r.AloneRunsPerMinute : 0;
            Console.WriteLine(Row(
                r.Backend, $"{r.Requested}", $"{r.Deployed}", $"{r.DistinctVersions}", S(r.AllAccepted), S(r.FirstFinished), S(r.LastFinished), F(r.RunsPerMinute, "0.0"),
                S(r.DurationPercentile(0.50)), S(r.DurationPercentile(0.99)), S(r.RunAlone), F(timesAlone, "0.00")));
            figures[$"{key}_runs"] = r.Requested;
            figures[$"{key}_deployed"] = r.Deployed;
            figures[$"{key}_distinct_versions"] = r.DistinctVersions;
            figures[$"{key}_runs_per_min"] = Math.Round(r.RunsPerMinute, 2);
            figures[$"{key}_first_done_s"] = Math.Round(r.FirstFinished.TotalSeconds, 2);
            figures[$"{key}_last_done_s"] = Math.Round(r.LastFinished.TotalSeconds, 2);
            figures[$"{key}_run_p50_s"] = Math.Round(r.DurationPercentile(0.50).TotalSeconds, 2);
            figures[$"{key}_run_p99_s"] = Math.Round(r.DurationPercentile(0.99).TotalSeconds, 2);
            figures[$"{key}_run_alone_s"] = Math.Round(r.RunAlone.TotalSeconds, 3);
            figures[$"{key}_runs_per_min_x_alone"] = Math.Round(timesAlone, 3);
        }

        Console.WriteLine("  x alone = runs/min with all started at once, divided by the rate of runs one after another (60 s / 'run alone',");
        Console.WriteLine("  the median duration of a run started alone on the same host just before the burst): above 1, concurrency pays.");
        Console.WriteLine("  versions = distinct model versions the deployed runs registered (one each, or the bench fails).");
        Console.WriteLine("  Times from the first POST; run p50/p99 = creation to completion of each run, on the host's clock.");
        if (pipelines.FirstOrDefault(r => r.Backend == "SQLite") is { RunsPerMinute: > 0 } sqlite && pipelines.FirstOrDefault(r => r.Backend == "Azurite") is { } azurite)
        {
            var ratio = azurite.RunsPerMinute / sqlite.RunsPerMinute;
            Console.WriteLine($"  Azurite / SQLite runs/min: {F(ratio, "0.000")}   (run alone: Azurite / SQLite {F(azurite.RunAlone / sqlite.RunAlone, "0.00")} x the time)");
            figures["azurite_to_sqlite_runs_per_min"] = Math.Round(ratio, 4);
        }

        foreach (var r in pipelines.Where(r => !r.AllDeployed))
        {
            Console.WriteLine(
                $"  NOT ALL DEPLOYED on {r.Backend}: {r.Refused} refused at start; {r.DistinctVersions} distinct versions for {r.Deployed} deployed runs; " +
                string.Join("; ", r.NotDeployed()));
        }

        foreach (var r in pipelines)
        {
            PrintLog($"{r.Backend} host during the runs", r.HostLog);
            figures[$"{r.Backend.ToLowerInvariant()}_host_warnings"] = r.HostLog.Total;
        }

        Console.WriteLine();
        Console.WriteLine($"POST /api/models/load/predict (real host, ONNX Runtime, prediction log) next to a constant ASP.NET Core endpoint,");
        Console.WriteLine(
            $"each its own process, driven by one client process: {settings.Connections} keep-alive connections, closed loop, " +
            $"best of {settings.Rounds} round(s) of {settings.Duration.TotalSeconds:0} s:");
        Console.WriteLine(Row("endpoint", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "failures"));
        foreach (var (label, report) in new[] { ("constant", constant), ("predict", predict) })
        {
            Console.WriteLine(Row(label, F(report.RequestsPerSecond, "0"), F(report.P50), F(report.P90), F(report.P99), F(report.Max), $"{report.Failures}"));
            figures[$"{label}_req_per_s"] = Math.Round(report.RequestsPerSecond, 1);
            figures[$"{label}_p50_ms"] = Math.Round(report.P50, 3);
            figures[$"{label}_p99_ms"] = Math.Round(report.P99, 3);
            figures[$"{label}_failures"] = report.Failures;
            if (report.FirstFailure is not null)
            {
                var kinds = string.Join(", ", report.FailuresByKind.Select(k => $"{k.Value} x {k.Key}"));
                Console.WriteLine($"  {label} FAILED {report.Failures} requests ({kinds}), first: {report.FirstFailure}");
            }
        }

        PrintLog("SQLite host during the prediction load", predictLog);
        figures["predict_host_warnings"] = predictLog.Total;
        var throughput = predict.RequestsPerSecond / constant.RequestsPerSecond;
        Console.WriteLine(
            $"  predict / constant: req/s {F(throughput, "0.000")}, p50 {F(predict.P50 / constant.P50, "0.00")} x, p99 {F(predict.P99 / constant.P99, "0.00")} x the latency");
        Console.WriteLine("  The client and the servers share the same cores, so the constant endpoint's figures are this machine's ceiling");
        Console.WriteLine("  for this client, not Kestrel's; the ratios are what carries over.");
        figures["predict_to_constant_req_per_s"] = Math.Round(throughput, 4);
        figures["predict_to_constant_p50"] = Math.Round(predict.P50 / constant.P50, 3);
        figures["predict_to_constant_p99"] = Math.Round(predict.P99 / constant.P99, 3);
        return figures;
    }

    private static void PrintLog(string what, HostLogSummary log)
    {
        Console.WriteLine($"  {what}: {log.Total} warning/error log entries");
        foreach (var (head, count, first) in log.Entries.OrderByDescending(e => e.Count).Take(5))
        {
            Console.WriteLine($"    {count,5} x {head}  first: {first}");
        }
    }

    private static string Row(string label, params string[] cells) => $"{label,-10}" + string.Concat(cells.Select(c => $"{c,12}"));

    private static string S(TimeSpan time) => F(time.TotalSeconds, "0.00") + " s";

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
