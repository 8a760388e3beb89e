using MLOps.Durable.Client;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Host.Triggers;

/// <summary>The host's timer triggers: registers their orchestrator and activity, and starts them.</summary>
public sealed class TimerTriggers
{
    private readonly Dictionary<string, TimerTriggerDefinition> _definitions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered triggers.</summary>
    public IReadOnlyCollection<TimerTriggerDefinition> Definitions => _definitions.Values;

    /// <summary>Adds a trigger; its schedule and time zone are checked now.</summary>
    public TimerTriggers Add(TimerTriggerDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        definition.Validate();
        if (!_definitions.TryAdd(definition.Name, definition))
        {
            throw new ArgumentException($"A timer trigger named '{definition.Name}' is already registered.", nameof(definition));
        }

        return this;
    }

    /// <summary>Registers the timer orchestrator and the activity that runs the functions.</summary>
    public void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator(TimerTriggerOrchestrator.Name, _ => new TimerTriggerOrchestrator());
        registry.AddActivityFunc<TimerInfo, bool>(TimerTriggerOrchestrator.RunActivity, (context, info) => RunAsync(info, context));
    }

    /// <summary>Starts each trigger's orchestration unless it already runs, and does the runOnStartup runs.</summary>
    public async Task StartAsync(DurableTaskClient client, IServiceProvider services, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(time);
        Services = services;
        foreach (var definition in _definitions.Values.Where(d => d.RunOnStartup))
        {
            await definition.Run(new TimerInfo(definition.Name, time.GetUtcNow(), false, null, null), services, cancellationToken).ConfigureAwait(false);
        }

        foreach (var definition in _definitions.Values)
        {
            var state = new TimerTriggerState(definition.Name, definition.Schedule, definition.TimeZoneId, null, null);
            var instanceId = TimerTriggerOrchestrator.InstanceIdFor(definition.Name);
            var existing = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
            var current = existing?.ReadInputAs<TimerTriggerState>();
            if (existing is { IsCompleted: false } && current is not null
                && current.Schedule == definition.Schedule && current.TimeZoneId == definition.TimeZoneId)
            {
                continue;
            }

            if (existing is { IsCompleted: false })
            {
                // The schedule changed since the instance started: restart it on the new one.
                await client.TerminateInstanceAsync(instanceId, "schedule changed", cancellationToken).ConfigureAwait(false);
                await client.WaitForInstanceCompletionAsync(instanceId, false, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    TimerTriggerOrchestrator.Name, state, new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // Another host on the same store started it first.
            }
        }
    }

    private async Task<bool> RunAsync(TimerInfo info, TaskActivityContext context)
    {
        if (!_definitions.TryGetValue(info.Name, out var definition))
        {
            throw new InvalidOperationException($"Timer trigger '{info.Name}' is not registered in this host.");
        }

        await definition.Run(info, Services ?? throw new InvalidOperationException("Timer triggers were not started."), context.CancellationToken)
            .ConfigureAwait(false);
        return true;
    }

    /// <summary>The host's services, set when the host starts.</summary>
    internal IServiceProvider? Services { get; set; }
}
