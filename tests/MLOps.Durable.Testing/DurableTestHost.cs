using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Durable.Client;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.History;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Testing;

/// <summary>
/// An engine running in the test process: a store, a started worker and a client, all on one clock
/// (a <see cref="FakeTimeProvider"/> unless the test passes another).
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DurableTestHost(ServiceProvider services, TimeProvider time)
    {
        _services = services;
        Time = time;
        Client = services.GetRequiredService<DurableTaskClient>();
        Store = services.GetRequiredService<IDurableStore>();
        Worker = services.GetRequiredService<DurableTaskWorker>();
    }

    public DurableTaskClient Client { get; }

    public IDurableStore Store { get; }

    public DurableTaskWorker Worker { get; }

    public TimeProvider Time { get; }

    /// <summary>The fake clock, when the host runs on one.</summary>
    public FakeTimeProvider FakeTime => Time as FakeTimeProvider ?? throw new InvalidOperationException("This host runs on a real clock.");

    /// <summary>Builds and starts a host.</summary>
    public static async Task<DurableTestHost> StartAsync(
        Func<TimeProvider, IDurableStore> createStore,
        Action<DurableTaskRegistry> register,
        TimeProvider? time = null,
        Action<DurableTaskWorkerOptions>? configure = null,
        CancellationToken cancellationToken = default,
        Action<IServiceCollection>? addServices = null)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        time ??= new FakeTimeProvider();
        var services = new ServiceCollection();
        addServices?.Invoke(services);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(time);
        services.AddDurableEngine(engine =>
        {
            engine.AddTasks(register);
            engine.UseStore(_ => createStore(time));
            engine.ConfigureWorker(options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(100);
                configure?.Invoke(options);
            });
        });
        var provider = services.BuildServiceProvider();
        var host = new DurableTestHost(provider, time);
        await host.Worker.StartAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }

    /// <summary>Waits, without sleeping, until <paramref name="condition"/> holds: it is checked after every change in the store.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            var seen = Store.InstanceChanges.Version;
            if (await condition().ConfigureAwait(false))
            {
                return;
            }

            await Store.InstanceChanges.WaitAsync(seen, TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the instance's history satisfies <paramref name="condition"/>.</summary>
    public Task WaitForHistoryAsync(string instanceId, Func<IReadOnlyList<HistoryEvent>, bool> condition, CancellationToken cancellationToken) =>
        WaitUntilAsync(async () => condition(await Store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false)), cancellationToken);

    /// <summary>Waits until the instance has created <paramref name="timersCreated"/> timers in all, then moves the clock.</summary>
    public async Task AdvanceAfterTimersAsync(string instanceId, int timersCreated, TimeSpan by, CancellationToken cancellationToken)
    {
        await WaitForHistoryAsync(instanceId, h => h.OfType<TimerCreated>().Count() >= timersCreated, cancellationToken).ConfigureAwait(false);
        FakeTime.Advance(by);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Worker.StopAsync(stop.Token).ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
