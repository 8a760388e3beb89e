using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MLOps.Durable.Registration;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>
/// The hosted service that runs orchestrations and activities from the store, each kind with its own bounded
/// concurrency. Stopping finishes the episodes and activities in flight and commits them; activities still
/// running when the host's shutdown timeout ends are cancelled and released, to run again later.
/// </summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly IDurableStore _store;
    private readonly DurableTaskWorkerOptions _options;
    private readonly ILogger _logger;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Creates the worker; normally done by <c>AddDurableEngine</c>.</summary>
    public DurableTaskWorker(
        IDurableStore store,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<DurableTaskWorkerOptions>? options = null,
        DataConverter? converter = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        _store = store;
        _options = options?.Value ?? new DurableTaskWorkerOptions();
        _options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        converter ??= JsonDataConverter.Default;
        _logger = logs.CreateLogger("MLOps.Durable.Worker");
        var worker = new WorkerServices(store, registry, services, converter, _options, time, logs);
        _orchestrations = new OrchestrationDispatcher(worker);
        _activities = new ActivityDispatcher(worker);
    }

    /// <summary>Orchestrations currently cached by extended sessions.</summary>
    public int CachedOrchestrations => _orchestrations.CachedSessions;

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // When the host's shutdown timeout runs out, running activities are cancelled and abandoned.
        await using var abortOnTimeout = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.WorkerStarted(_logger, _options.MaxConcurrentOrchestrations, _options.MaxConcurrentActivities, _options.ExtendedSessionsEnabled);
        await Task.Yield();
        await Task.WhenAll(
            _orchestrations.RunAsync(stoppingToken),
            _activities.RunAsync(stoppingToken, _abort.Token)).ConfigureAwait(false);
        Log.WorkerStopped(_logger);
    }
}
