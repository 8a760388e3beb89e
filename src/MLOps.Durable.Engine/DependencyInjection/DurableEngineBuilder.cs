using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Worker;

namespace MLOps.Durable.DependencyInjection;

/// <summary>Configures the engine inside <c>AddDurableEngine</c>: what runs, on which store, with which options.</summary>
public sealed class DurableEngineBuilder(IServiceCollection services)
{
    /// <summary>The services being configured.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>The orchestrators and activities the worker runs.</summary>
    public DurableTaskRegistry Registry { get; } = new();

    /// <summary>Whether to run the worker as a hosted service (false for client-only processes).</summary>
    public bool RunWorker { get; set; } = true;

    internal Func<IServiceProvider, IDurableStore>? StoreFactory { get; private set; }

    /// <summary>Uses the store <paramref name="factory"/> builds.</summary>
    public DurableEngineBuilder UseStore(Func<IServiceProvider, IDurableStore> factory)
    {
        StoreFactory = factory ?? throw new ArgumentNullException(nameof(factory));
        return this;
    }

    /// <summary>Uses the in-memory store (tests and samples; nothing survives the process).</summary>
    public DurableEngineBuilder UseInMemoryStore() =>
        UseStore(sp => new InMemoryDurableStore(sp.GetService<TimeProvider>()));

    /// <summary>Adjusts the worker options.</summary>
    public DurableEngineBuilder ConfigureWorker(Action<DurableTaskWorkerOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Adds orchestrators and activities.</summary>
    public DurableEngineBuilder AddTasks(Action<DurableTaskRegistry> register)
    {
        ArgumentNullException.ThrowIfNull(register);
        register(Registry);
        return this;
    }
}
