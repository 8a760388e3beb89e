using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Registers <see cref="ModelServer"/> and its <see cref="IPredictionLog"/> next to an existing registry and artifact store.</summary>
public static class ModelServingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the prediction log (SQLite at <see cref="ModelServingOptions.PredictionLogPath"/>, else in memory) and the
    /// model server. Needs <see cref="IModelRegistry"/> and <see cref="IArtifactStore"/>; uses a <see cref="PipelineCatalog"/> when registered.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public static IServiceCollection AddModelServing(this IServiceCollection services, Action<ModelServingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ModelServingOptions();
        configure?.Invoke(options);
        options.Validate();
        services.AddSingleton<IPredictionLog>(sp =>
        {
            var time = options.TimeProvider ?? sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return options.PredictionLogPath is { } path
                ? new SqlitePredictionLog(new SqlitePredictionLogOptions { DataSource = path, TimeProvider = time })
                : new InMemoryPredictionLog(time);
        });
        services.AddSingleton(sp =>
        {
            options.TimeProvider ??= sp.GetService<TimeProvider>();
            return new ModelServer(
                sp.GetRequiredService<IModelRegistry>(), sp.GetRequiredService<IArtifactStore>(), sp.GetRequiredService<IPredictionLog>(), options, sp.GetService<PipelineCatalog>());
        });
        return services;
    }
}
