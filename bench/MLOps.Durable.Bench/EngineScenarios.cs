using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Client;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Bench;

/// <summary>The engine scenarios, each on a fresh store of the given backend with a worker in this process.</summary>
internal static class EngineScenarios
{
    /// <summary>The three scenarios one after the other, each on its own fresh store.</summary>
    public static async Task<ScenarioSet> RunAllAsync(IBenchStore backend, ScenarioSizes sizes) => new(
        sizes,
        await SequentialAsync(backend, sizes.Sequential),
        await FanOutAsync(backend, sizes.FanOut),
        await HelloSequenceAsync(backend, sizes.HelloOrchestrations, ScenarioSizes.HelloSteps));

    public static Task<ScenarioResult> SequentialAsync(IBenchStore backend, int activities) =>
        MeasureAsync(backend, "sequential", activities, async client =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Sequential", activities);
            await EnsureCompletedAsync(client, id);
            return 1;
        });

    public static Task<ScenarioResult> FanOutAsync(IBenchStore backend, int activities) =>
        MeasureAsync(backend, "fanout", activities, async client =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("FanOut", activities);
            await EnsureCompletedAsync(client, id);
            return 1;
        });

    public static Task<ScenarioResult> HelloSequenceAsync(IBenchStore backend, int orchestrations, int steps) =>
        MeasureAsync(backend, "hello", orchestrations * steps, async client =>
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, orchestrations)
                .Select(i => client.ScheduleNewOrchestrationInstanceAsync("Sequential", steps)));
            foreach (var id in ids)
            {
                await EnsureCompletedAsync(client, id);
            }

            return orchestrations;
        });

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

    internal static async Task<ScenarioResult> MeasureAsync(IBenchStore backend, string name, int activities, Func<DurableTaskClient, Task<int>> run)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableEngine(engine => engine
            .AddTasks(Register)
            .UseStore(sp => backend.Create(name, sp))
            .ConfigureWorker(o => o.PollInterval = TimeSpan.FromMilliseconds(50)));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDurableStore>();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        var client = provider.GetRequiredService<DurableTaskClient>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await backend.WaitUntilReadyAsync(store);
            var before = backend.CountOperations(store);
            var clock = Stopwatch.StartNew();
            var orchestrations = await run(client);
            clock.Stop();
            return new ScenarioResult(orchestrations, activities, clock.Elapsed, backend.CountOperations(store).Since(before));
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
