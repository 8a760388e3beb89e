using MLOps.Durable.Client;

namespace MLOps.Durable.Host.Triggers;

/// <summary>Starts the host's timer triggers once the worker (and so the store) has started.</summary>
internal sealed class TimerTriggerStarter(TimerTriggers timers, DurableTaskClient client, IServiceProvider services, TimeProvider time)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        timers.StartAsync(client, services, time, stoppingToken);
}
