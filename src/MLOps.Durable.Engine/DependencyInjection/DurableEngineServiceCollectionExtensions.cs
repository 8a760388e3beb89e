using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLOps.Durable.Client;
using MLOps.Durable.Registration;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;
using MLOps.Durable.Worker;

namespace MLOps.Durable.DependencyInjection;

/// <summary>Registers the engine: registry, store, converter, client and the worker hosted service.</summary>
public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>Adds the durable engine; the in-memory store is used unless the builder picks another.</summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, Action<DurableEngineBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DurableEngineBuilder(services);
        configure(builder);
        if (builder.StoreFactory is null)
        {
            builder.UseInMemoryStore();
        }

        services.AddOptions<DurableTaskWorkerOptions>().Validate(
            o =>
            {
                o.Validate();
                return true;
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.AddSingleton(builder.Registry);
        services.AddSingleton<IDurableStore>(builder.StoreFactory!);
        services.AddSingleton(sp => new DurableTaskClient(
            sp.GetRequiredService<IDurableStore>(), sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<TimeProvider>(), builder.Registry));
        if (builder.RunWorker)
        {
            services.AddSingleton(sp => new DurableTaskWorker(
                sp.GetRequiredService<IDurableStore>(),
                builder.Registry,
                sp,
                sp.GetRequiredService<IOptions<DurableTaskWorkerOptions>>(),
                sp.GetRequiredService<DataConverter>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILoggerFactory>()));
            services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        return services;
    }
}
