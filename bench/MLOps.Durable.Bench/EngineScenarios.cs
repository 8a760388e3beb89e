using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Client;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.Sqlite;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Bench;

/// <summary>The engine scenarios, each on a fresh SQLite file with a worker in this process.</summary>
internal static class EngineScenarios
{
    public static Task<ScenarioResult> SequentialAsync(string workDir, int activities) =>
        MeasureAsync(workDir, "sequential", activities, async client =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Sequential", activities);
            await EnsureCompletedAsync(client, id);
            return 1;
        });

    public static Task<ScenarioResult> FanOutAsync(string workDir, int activities) =>
        MeasureAsync(workDir, "fanout", activities, async client =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("FanOut", activities);
            await EnsureCompletedAsync(client, id);
            return 1;
        });

    public static async Task<ScenarioResult> HelloSequenceAsync(string workDir, int orchestrations, int steps)
    {
        var result = await MeasureAsync(workDir, "hello", orchestrations * steps, async client =>
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, orchestrations)
                .Select(i => client.ScheduleNewOrchestrationInstanceAsync("Sequential", steps)));
            foreach (var id in ids)
            {
                await EnsureCompletedAsync(client, id);
            }

            return orchestrations;
        });
        return result with { Rate = result.Rate / steps };
    }

    internal static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Noop", (_, n) => n)
        .AddOrchestratorFunc<int, int>("Sequential", async (ctx, count) =>
        {
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Noop", 1);
            }

            return sum;
        })
        .AddOrchestratorFunc<int, int>("FanOut", async (ctx, count) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ctx.CallActivityAsync<int>("Noop", 1)));
            return results.Sum();
        });

    internal static async Task<ScenarioResult> MeasureAsync(string workDir, string name, int activities, Func<DurableTaskClient, Task<int>> run)
    {
        var path = Path.Combine(workDir, name + ".db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableEngine(engine => engine
            .AddTasks(Register)
            .UseStore(_ => new SqliteDurableStore(new SqliteStoreOptions { DataSource = path }))
            .ConfigureWorker(o => o.PollInterval = TimeSpan.FromMilliseconds(50)));
        await using var provider = services.BuildServiceProvider();
        var store = (SqliteDurableStore)provider.GetRequiredService<IDurableStore>();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        var client = provider.GetRequiredService<DurableTaskClient>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var commitsBefore = store.CommitCount;
            var clock = Stopwatch.StartNew();
            await run(client);
            clock.Stop();
            var commits = store.CommitCount - commitsBefore;
            return new ScenarioResult(activities / clock.Elapsed.TotalSeconds, (double)commits / activities);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private static async Task EnsureCompletedAsync(DurableTaskClient client, string id)
    {
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"Benchmark orchestration {id} ended {done.RuntimeStatus}: {done.FailureDetails}");
        }
    }
}
