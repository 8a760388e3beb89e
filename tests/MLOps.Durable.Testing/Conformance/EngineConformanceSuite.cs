using MLOps.Durable.Client;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Testing.Conformance;

/// <summary>
/// The engine scenarios every storage backend must pass unchanged. A backend's test project derives one
/// class from this and says how to create its store; every test then runs against it.
/// </summary>
public abstract partial class EngineConformanceSuite
{
    /// <summary>A fresh, empty store on <paramref name="time"/>.</summary>
    protected abstract IDurableStore CreateStore(TimeProvider time);

    /// <summary>Starts a host on a fresh store with <paramref name="register"/>'s tasks and a fake clock.</summary>
    protected Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> register, Action<DurableTaskWorkerOptions>? configure = null) =>
        DurableTestHost.StartAsync(CreateStore, register, new FakeTimeProvider(), configure, TestTimeout.Token());

    /// <summary>Starts an instance and waits for it to finish.</summary>
    protected static async Task<OrchestrationMetadata> RunAsync(DurableTestHost host, string name, object? input = null, string? instanceId = null)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId));
        return await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());
    }
}
