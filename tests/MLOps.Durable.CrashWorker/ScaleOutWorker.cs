using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Storage.AzureStorage;
using MLOps.Durable.Worker;

namespace MLOps.Durable.CrashWorker;

/// <summary>
/// <c>MLOps.Durable.CrashWorker azure &lt;connection-string&gt; &lt;hub&gt; &lt;worker-id&gt;</c>: a worker on an Azure Storage
/// task hub (15 s partition leases, 10 s locks) that runs <see cref="ScaleOutTasks"/> until it is killed or its
/// standard input closes. It only works; the test starts the orchestrations.
/// </summary>
internal static class ScaleOutWorker
{
    public static async Task<int> RunAsync(string connectionString, string hub, string workerId)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("MLOps.Durable.Worker", LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddDurableEngine(engine => engine
            .UseStore(sp => new AzureStorageDurableStore(
                new AzureStorageOptions
                {
                    ConnectionString = connectionString,
                    TaskHubName = hub,
                    WorkerId = workerId,
                    LeaseDuration = AzureStorageOptions.MinLeaseDuration,
                },
                sp.GetRequiredService<ILoggerFactory>()))
            .ConfigureWorker(worker =>
            {
                worker.LockDuration = TimeSpan.FromSeconds(10);
                worker.PollInterval = TimeSpan.FromMilliseconds(100);
            })
            .AddTasks(tasks => ScaleOutTasks.Register(tasks)));
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        Console.WriteLine($"ready pid={Environment.ProcessId}");
        await Task.Run(() => Console.In.ReadToEnd());
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await worker.StopAsync(stopping.Token);
        return 0;
    }
}
