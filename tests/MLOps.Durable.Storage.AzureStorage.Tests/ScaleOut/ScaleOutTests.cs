using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Client;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.History;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing.Processes;
using Xunit.Abstractions;

namespace MLOps.Durable.Storage.AzureStorage.Tests.ScaleOut;

/// <summary>
/// Three worker processes (tests/MLOps.Durable.CrashWorker in its azure mode) on one task hub in a real Azurite
/// run 300 orchestrations; one is killed with SIGKILL mid-run, and the others take over its partitions and
/// finish everything, each step recorded exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScaleOutTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Sequences = 150;
    private const int FanOuts = 150;
    private const int FanOutWidth = 10;
    private static readonly TimeSpan LeaseDuration = AzureStorageOptions.MinLeaseDuration;

    [Fact]
    public async Task ThreeWorkers_OneKilledMidRun_EveryOrchestrationCompletesWithEachStepOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var hub = AzuriteFixture.NewHubName();
        var workers = new[] { "w1", "w2", "w3" }.Select(id => CrashWorkerProcess.Start(id, "azure", azurite.ConnectionString, hub, id)).ToList();
        try
        {
            foreach (var worker in workers)
            {
                await worker.WaitUntilReadyAsync(ct);
            }

            await using var clientHost = ClientFor(hub);
            var client = clientHost.GetRequiredService<DurableTaskClient>();
            var store = (AzureStorageDurableStore)clientHost.GetRequiredService<IDurableStore>();
            var table = WorkersTable(hub);

            // Balanced before the load: every worker holds at least one of the four partitions.
            await WaitForAsync(async () => (await OwnersAsync(table, DateTimeOffset.MinValue)).Values.Distinct().Count() == 3, "three workers sharing the partitions", workers, ct);

            var ids = Enumerable.Range(0, Sequences).SelectMany(i => new[] { $"seq-{i:D3}", $"fan-{i:D3}" }).ToList();
            var scheduling = Task.Run(
                async () =>
                {
                    foreach (var id in ids)
                    {
                        await (id.StartsWith("seq-", StringComparison.Ordinal)
                            ? client.ScheduleNewOrchestrationInstanceAsync("HelloSequence", "go", new StartOrchestrationOptions(id), ct)
                            : client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", FanOutWidth, new StartOrchestrationOptions(id), ct));
                    }
                },
                ct);

            // Kill the worker with the most partitions as soon as the first orchestration completes, while the others
            // are in flight and more are still being started (they queue on its partitions until they are taken over).
            await WaitForAsync(async () => await CountAsync(store, ids, OrchestrationRuntimeStatus.Completed) >= 1, "the first orchestration to complete", workers, ct);
            var owners = await OwnersAsync(table, DateTimeOffset.MinValue);
            var victimId = owners.GroupBy(o => o.Value).OrderByDescending(g => g.Count()).First().Key;
            var orphaned = owners.Where(o => o.Value == victimId).Select(o => o.Key).ToList();
            var victim = workers.Single(w => w.Name == victimId);
            var completedAtKill = await CountAsync(store, ids, OrchestrationRuntimeStatus.Completed);
            var clock = Stopwatch.StartNew();
            var killedAt = DateTimeOffset.UtcNow;
            victim.Kill();

            await WaitForAsync(
                async () =>
                {
                    var now = await OwnersAsync(table, killedAt);
                    return orphaned.All(now.ContainsKey);
                },
                "the killed worker's partitions taken over",
                workers,
                ct);
            var takeover = clock.Elapsed;
            await scheduling;

            var results = new List<OrchestrationMetadata>();
            foreach (var id in ids)
            {
                try
                {
                    results.Add(await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, ct));
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    var unfinished = new List<string>();
                    foreach (var other in ids)
                    {
                        var row = await store.GetInstanceAsync(other, false);
                        if (row?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
                        {
                            unfinished.Add($"{other} {row?.RuntimeStatus} history {row?.HistoryCount} partition {AzureStorageDurableStore.PartitionOf(other, 4)} updated {row?.LastUpdatedAt:O}");
                        }
                    }

                    Assert.Fail($"Timed out waiting for {id}; killed {victimId} at {killedAt:O}; takeover after {takeover.TotalSeconds:F1} s; " +
                        $"owners now {string.Join(",", (await OwnersAsync(table, killedAt)).Select(o => $"{o.Key}:{o.Value}"))}.\n" +
                        $"Unfinished:\n{string.Join("\n", unfinished)}\n{string.Join("\n", workers.Select(w => w.Describe()))}");
                }
            }

            var total = clock.Elapsed;
            foreach (var worker in workers)
            {
                output.WriteLine(string.Join("\n", worker.Output.Split('\n').Where(l => l.Contains("partition", StringComparison.Ordinal))));
            }

            output.WriteLine($"killed {victimId} (partitions {string.Join(",", orphaned)}) with {completedAtKill}/{ids.Count} completed (the rest in flight or not yet started); " +
                $"partitions taken over after {takeover.TotalSeconds:F1} s (lease {LeaseDuration.TotalSeconds:F0} s); all completed {total.TotalSeconds:F1} s after the kill");

            Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
            Assert.All(results.Where(r => r.InstanceId.StartsWith("seq-", StringComparison.Ordinal)),
                r => Assert.Equal("\"Hello Tokyo! Hello Seattle! Hello London! Hello Paris! Hello Lagos!\"", r.SerializedOutput));
            Assert.All(results.Where(r => r.InstanceId.StartsWith("fan-", StringComparison.Ordinal)),
                r => Assert.Equal("385", r.SerializedOutput));
            foreach (var id in ids)
            {
                AssertEachStepOnce(id, await store.GetHistoryAsync(id, ct), id.StartsWith("seq-", StringComparison.Ordinal) ? 5 : FanOutWidth);
            }

            // Lease expiry plus one renewal interval (a third of the lease) at most.
            Assert.True(takeover <= LeaseDuration + (LeaseDuration / 3),
                $"The partitions of the killed worker were taken over after {takeover.TotalSeconds:F1} s; expected within {(LeaseDuration + (LeaseDuration / 3)).TotalSeconds:F0} s.");
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }
        }
    }

    private static void AssertEachStepOnce(string id, IReadOnlyList<HistoryEvent> history, int steps)
    {
        Assert.Single(history.OfType<ExecutionStarted>());
        Assert.Single(history.OfType<ExecutionCompleted>());
        var scheduled = history.OfType<TaskScheduled>().Select(t => t.EventId).ToList();
        var completed = history.OfType<TaskCompleted>().Select(t => t.TaskScheduledId).ToList();
        Assert.True(scheduled.Count == steps && scheduled.Distinct().Count() == steps, $"{id}: {scheduled.Count} TaskScheduled events for {steps} steps.");
        Assert.True(completed.Count == steps && completed.Order().SequenceEqual(scheduled.Order()), $"{id}: completions {string.Join(",", completed)} do not match the scheduled tasks {string.Join(",", scheduled)}.");
    }

    private static async Task<int> CountAsync(AzureStorageDurableStore store, IReadOnlyList<string> ids, OrchestrationRuntimeStatus status)
    {
        var page = await store.QueryInstancesAsync(new InstanceQuery { Statuses = [status], PageSize = ids.Count });
        return page.Instances.Count;
    }

    /// <summary>Partition -> worker, from the heartbeats the workers write after <paramref name="since"/> (the latest wins).</summary>
    private static async Task<Dictionary<int, string>> OwnersAsync(CloudTable workers, DateTimeOffset since)
    {
        var owners = new Dictionary<int, string>();
        var rows = await workers.ExecuteQuerySegmentedAsync(new TableQuery<DynamicTableEntity>(), null);
        foreach (var row in rows.Results
            .Where(r => r.Properties["Heartbeat"].DateTimeOffsetValue > since)
            .OrderBy(r => r.Properties["Heartbeat"].DateTimeOffsetValue))
        {
            foreach (var partition in row.Properties["Owned"].StringValue.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                owners[int.Parse(partition, System.Globalization.CultureInfo.InvariantCulture)] = row.RowKey;
            }
        }

        return owners;
    }

    /// <summary>Polls state that other processes change (no in-process signal exists for it) until it holds.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what, IReadOnlyList<CrashWorkerProcess> workers, CancellationToken ct)
    {
        try
        {
            while (!await condition())
            {
                await Task.Delay(200, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Assert.Fail($"Timed out waiting for {what}.\n{string.Join("\n", workers.Select(w => w.Describe()))}");
        }
    }

    private ServiceProvider ClientFor(string hub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDurableEngine(engine =>
        {
            engine.RunWorker = false;

            // The client only checks the names; the worker processes run the real orchestrators.
            engine.AddTasks(tasks => tasks
                .AddOrchestratorFunc<string, string>("HelloSequence", (_, input) => Task.FromResult(input))
                .AddOrchestratorFunc<int, int>("FanOutFanIn", (_, input) => Task.FromResult(input)));
            engine.UseStore(_ => new AzureStorageDurableStore(azurite.Options(hub: hub)));
        });
        return services.BuildServiceProvider();
    }

    private CloudTable WorkersTable(string hub) =>
        AzureStorageAccount.Parse(azurite.ConnectionString).CreateCloudTableClient().GetTableReference(hub + "Workers");
}
