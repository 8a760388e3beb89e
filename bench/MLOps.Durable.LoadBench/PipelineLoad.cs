using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.LoadBench;

/// <summary>
/// Pipeline runs under load on one host: first a few runs one at a time (the reference: what one run costs alone on
/// this host and store, measured in the same run), then <c>runs</c> runs started at once over HTTP, polled through
/// <c>GET /api/runs</c> until every one has finished or none has finished for <see cref="StallLimit"/>.
/// </summary>
internal static class PipelineLoad
{
    /// <summary>No run finishing for this long means the rest are stuck; the bench stops and names them.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<PipelineLoadResult> RunAsync(BenchHost host, string backend, int runs, int referenceRuns, CancellationToken cancellationToken)
    {
        // The first of the one-at-a-time runs also warms the host (JIT, schema pinned, monitor started); it is not counted.
        var alone = new List<TimeSpan>();
        for (var i = 0; i < referenceRuns + 1; i++)
        {
            var id = await StartAsync(host, cancellationToken) ?? throw new InvalidOperationException($"{backend}: a reference run was not accepted.\n{host.Output}");
            var finished = await PollAsync(host, [id], DateTimeOffset.UtcNow, cancellationToken);
            var run = finished[id];
            if (run.Status != "deployed")
            {
                throw new InvalidOperationException($"{backend}: reference run {id} ended {run.Status}: {run.Failure}\n{host.Output}");
            }

            if (i > 0)
            {
                alone.Add(run.Duration);
            }
        }

        var burstStart = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var started = await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => StartAsync(host, cancellationToken)));
        var accepted = clock.Elapsed;
        var ids = started.OfType<string>().ToList();
        var states = await PollAsync(host, ids, burstStart, cancellationToken);
        return new PipelineLoadResult(backend, runs, runs - ids.Count, Median(alone), accepted, burstStart, [.. states.Values], HostLogSummary.Of(host.Output));
    }

    /// <summary>POSTs one run; the run id, or null (and the answer printed) when the host did not accept it.</summary>
    private static async Task<string?> StartAsync(BenchHost host, CancellationToken cancellationToken)
    {
        using var response = await host.Http.PostAsync($"/api/pipelines/{BenchHost.Pipeline}/runs", null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Console.Error.WriteLine($"  start refused: {(int)response.StatusCode} {body}");
            return null;
        }

        return (string)JsonNode.Parse(body)!["id"]!;
    }

    /// <summary>Polls the run list until every id is terminal, or nothing finished for <see cref="StallLimit"/>.</summary>
    private static async Task<Dictionary<string, RunState>> PollAsync(BenchHost host, IReadOnlyCollection<string> ids, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var wanted = ids.ToHashSet(StringComparer.Ordinal);
        var states = new Dictionary<string, RunState>(StringComparer.Ordinal);
        var lastProgress = Stopwatch.StartNew();
        var finishedBefore = -1;
        var from = since.AddSeconds(-5).ToString("O", CultureInfo.InvariantCulture);
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"The host exited while runs were in flight.\n{host.Output}");
            }

            using var response = await host.Http.GetAsync($"/api/runs?pipeline={BenchHost.Pipeline}&top=1000&from={Uri.EscapeDataString(from)}", cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                foreach (var run in JsonNode.Parse(body)!.AsArray())
                {
                    var state = RunState.Of(run!);
                    if (wanted.Contains(state.Id))
                    {
                        states[state.Id] = state;
                    }
                }
            }
            else
            {
                Console.Error.WriteLine($"  GET /api/runs answered {(int)response.StatusCode}: {body}");
            }

            var finished = states.Values.Count(s => s.Finished);
            if (finished == wanted.Count)
            {
                return states;
            }

            if (finished != finishedBefore)
            {
                finishedBefore = finished;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > StallLimit)
            {
                // Report what is stuck where, and return so that the summary shows it as unfinished.
                var stuck = wanted.Select(id => states.GetValueOrDefault(id) ?? new RunState(id, "not listed", null, null, default, default, null))
                    .Where(s => !s.Finished).ToList();
                Console.Error.WriteLine($"  {stuck.Count} of {wanted.Count} runs did not finish; none finished in the last {StallLimit.TotalMinutes:0} minutes:");
                foreach (var group in stuck.GroupBy(s => $"{s.Status} at {s.Stage ?? "-"} ({s.Progress ?? "-"})"))
                {
                    Console.Error.WriteLine($"    {group.Count(),4} x {group.Key}, e.g. {group.First().Id}");
                }

                foreach (var s in stuck.Where(s => s.Id is not null))
                {
                    states.TryAdd(s.Id, s);
                }

                return states;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static TimeSpan Median(List<TimeSpan> durations) =>
        durations.Count == 0 ? TimeSpan.Zero : durations.Order().ElementAt(durations.Count / 2);
}
