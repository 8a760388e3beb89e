using System.Globalization;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using MLOps.Durable.Client;
using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Host.Configuration;
using MLOps.Durable.Host.Dashboard;
using MLOps.Durable.Host.Endpoints;
using MLOps.Durable.Host.Events;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Host.Triggers;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Events;
using MLOps.Durable.Pipelines.Serving;
using MLOps.Durable.Pipelines.Stages;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Host;

/// <summary>
/// Builds the host the way <c>func start</c> behaves: host.json and local.settings.json from the content
/// root, the engine on the store host.json selects (embedded SQLite by default, or Azure Storage), the /api
/// routes and the Durable Functions management API.
/// </summary>
public static partial class HostApplication
{
    /// <summary>The port the Core Tools use by default.</summary>
    public const int DefaultPort = 7071;

    /// <summary>Runs until Ctrl+C; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, Action<DurableTaskRegistry>? registerTasks = null, TimerTriggers? timers = null)
    {
        WebApplication app;
        try
        {
            app = Build(args, registerTasks, timers);
        }
        catch (HostConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (StoreUnavailableException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            await HostBanner.PrintAsync(app).ConfigureAwait(false);
            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Setting with an Event Grid topic endpoint to publish to instead of the local topic.</summary>
    public const string EventGridEndpointSetting = "MLOPS_EVENTGRID_TOPIC_ENDPOINT";

    /// <summary>Setting with that topic's access key.</summary>
    public const string EventGridKeySetting = "MLOPS_EVENTGRID_TOPIC_KEY";

    /// <summary>Setting with the level the Durable Functions management API requires (admin unless set).</summary>
    public const string ManagementAuthLevelSetting = "MLOPS_MANAGEMENT_AUTH_LEVEL";

    /// <summary>Builds the application; configuration errors throw <see cref="HostConfigurationException"/>.</summary>
    /// <param name="args">Command line (and <c>--Setting value</c> configuration).</param>
    /// <param name="registerTasks">Extra orchestrators and activities.</param>
    /// <param name="timers">Extra timer triggers.</param>
    /// <param name="configureServices">Last word on services (tests replace the <see cref="TimeProvider"/> with a fake clock).</param>
    public static WebApplication Build(
        string[] args, Action<DurableTaskRegistry>? registerTasks = null, TimerTriggers? timers = null, Action<IServiceCollection>? configureServices = null)
    {
        timers ??= new TimerTriggers();
        var builder = WebApplication.CreateBuilder(args);
        var root = builder.Environment.ContentRootPath;
        var settings = HostJsonReader.Read(Path.Combine(root, "host.json"));
        var (values, port) = LocalSettingsReader.Read(Path.Combine(root, "local.settings.json"));
        AddBelowEnvironment(builder.Configuration, values);
        builder.Services.AddSingleton(settings);
        var paths = new HostPaths(root);
        builder.Services.AddSingleton(paths);
        var catalog = PipelineCatalog.Load(paths.Workflows);
        builder.Services.AddSingleton(catalog);
        if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
        {
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port ?? DefaultPort}"));
        }

        foreach (var (category, level) in settings.LogLevels)
        {
            builder.Logging.AddFilter(category.Equals("default", StringComparison.OrdinalIgnoreCase) ? null : category, level);
        }

        // Registered last so that it wins over host.json: that category logs whole URLs, keys and link tokens included.
        builder.Logging.AddFilter(RequestLog.HostingCategory, LogLevel.Warning);

        var storage = TaskHubStorage.Resolve(builder.Configuration, settings, paths);
        builder.Services.AddSingleton(storage);
        builder.Services.AddDurableEngine(engine =>
        {
            UseStore(engine, storage, settings);
            engine.ConfigureWorker(options =>
            {
                options.MaxConcurrentActivities = settings.MaxConcurrentActivityFunctions ?? options.MaxConcurrentActivities;
                options.MaxConcurrentOrchestrations = settings.MaxConcurrentOrchestratorFunctions ?? options.MaxConcurrentOrchestrations;
                options.ExtendedSessionsEnabled = settings.ExtendedSessionsEnabled;
                options.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(settings.ExtendedSessionIdleTimeoutInSeconds);
                options.LockDuration = settings.LockTimeoutInSeconds is { } lockSeconds ? TimeSpan.FromSeconds(lockSeconds) : options.LockDuration;
            });
            engine.AddTasks(registry => PipelineTasks.Register(registry));
            if (registerTasks is not null)
            {
                engine.AddTasks(registerTasks);
            }

            AddConfiguredTimers(settings, engine.Registry, timers);
            AddPipelineSchedules(catalog, timers);
            engine.AddTasks(timers.Register);
        });
        builder.Services.AddSingleton(timers);
        builder.Services.AddHostedService<TimerTriggerStarter>();
        AddPipelineStores(builder.Services, storage, settings);
        AddEventServices(builder.Services, builder.Configuration, settings, storage.LocalFile(".events.jsonl"));
        builder.Services.AddModelServing(options => options.PredictionLogPath = storage.LocalFile(".predictions.db"));
        builder.Services.AddApprovals(builder.Configuration, storage.LocalFile(".approvals.db"));
        builder.Services.AddApiDocument();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<HttpErrorHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.AddSingleton(sp => new FunctionKeyProvider(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<Storage.IDurableStore>()));
        var managementLevel = ManagementLevel(builder.Configuration);

        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseRequestLog();
        app.UseExceptionHandler();
        var prefix = settings.RoutePrefix.Length == 0 ? string.Empty : "/" + settings.RoutePrefix;
        app.UseDashboard(prefix);
        app.UseKeyAuthorization();
        app.MapHealthEndpoints(prefix);
        app.MapPipelineEndpoints(prefix);
        app.MapRunEndpoints(prefix);
        app.MapEventEndpoints(prefix);
        app.MapModelEndpoints(prefix);
        app.MapApprovalEndpoints(prefix);
        app.MapMonitorEndpoints(prefix);
        app.MapDurableTaskManagementEndpoints(managementLevel);
        app.MapApiDocument(prefix);
        return app;
    }

    /// <summary>
    /// Lifecycle events: to the Event Grid topic of <c>MLOPS_EVENTGRID_TOPIC_ENDPOINT</c> / <c>_KEY</c> when set,
    /// else into the host's local topic (<paramref name="localTopicPath"/>, <c>{hub}.events.jsonl</c>), which forwards
    /// to host.json's subscribers.
    /// </summary>
    private static void AddEventServices(IServiceCollection services, IConfiguration configuration, HostSettings settings, string localTopicPath)
    {
        var source = $"/mlops/{settings.HubName}";
        services.AddSingleton(sp => new EventTopicKey(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<Storage.IDurableStore>()));
        services.AddSingleton(sp => new LocalEventTopic(
            localTopicPath,
            settings.EventSubscriptions,
            new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<ILogger<LocalEventTopic>>()));
        if (configuration[EventGridEndpointSetting] is { Length: > 0 } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || configuration[EventGridKeySetting] is not { Length: > 0 } key)
            {
                throw new HostConfigurationException(
                    $"{EventGridEndpointSetting}: '{endpoint}' needs to be an absolute URL, with the topic key in {EventGridKeySetting}.");
            }

            services.AddSingleton<IEventPublisher>(new EventGridTopicPublisher(uri, key, source));
        }
        else
        {
            services.AddSingleton<IEventPublisher>(sp => new LocalTopicPublisher(sp.GetRequiredService<LocalEventTopic>(), source));
        }
    }

    /// <summary>
    /// A timer trigger <c>pipeline-{name}</c> per pipeline with a <c>schedule</c>: it starts a retraining run,
    /// unless a run of that pipeline is still in flight (at most one at a time).
    /// </summary>
    private static void AddPipelineSchedules(PipelineCatalog catalog, TimerTriggers timers)
    {
        foreach (var pipeline in catalog.Pipelines.Where(p => p.Schedule is not null))
        {
            timers.Add(new TimerTriggerDefinition($"pipeline-{pipeline.Name}", pipeline.Schedule!, async (info, services, ct) =>
            {
                var started = await RetrainingStarter.StartIfIdleAsync(
                    services.GetRequiredService<DurableTaskClient>(),
                    pipeline.Name,
                    "schedule",
                    $"timer {info.Name} at {info.ScheduledAt:u}{(info.IsPastDue ? " (past due)" : string.Empty)}",
                    $"{pipeline.Name}-{Guid.NewGuid():N}",
                    ct).ConfigureAwait(false);
                if (started is null)
                {
                    services.GetRequiredService<ILogger<TimerTriggers>>().LogInformation(
                        "Scheduled retraining of {Pipeline} skipped: a run is still in flight.", pipeline.Name);
                }
            }));
        }
    }

    /// <summary>Turns host.json mlops.timers into triggers that start their orchestration, refusing unknown ones.</summary>
    private static void AddConfiguredTimers(HostSettings settings, DurableTaskRegistry registry, TimerTriggers timers)
    {
        foreach (var timer in settings.Timers)
        {
            if (!registry.HasOrchestrator(timer.Orchestrator))
            {
                throw new HostConfigurationException(
                    $"host.json: mlops.timers '{timer.Name}'.orchestrator: '{timer.Orchestrator}' is not a registered orchestrator " +
                    $"(registered: {string.Join(", ", registry.OrchestratorNames.Where(n => !n.StartsWith('$')).Order(StringComparer.Ordinal))}).");
            }

            timers.Add(new TimerTriggerDefinition(timer.Name, timer.Schedule, (info, services, ct) =>
                services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync(timer.Orchestrator, timer.Input, null, ct))
            {
                TimeZoneId = timer.TimeZone,
                RunOnStartup = timer.RunOnStartup,
            });
        }
    }

    /// <summary>MLOPS_MANAGEMENT_AUTH_LEVEL: who may call the management API (admin unless set).</summary>
    private static AuthorizationLevel ManagementLevel(IConfiguration configuration)
    {
        var text = configuration[ManagementAuthLevelSetting];
        if (string.IsNullOrEmpty(text))
        {
            return AuthorizationLevel.Admin;
        }

        return Enum.TryParse<AuthorizationLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new HostConfigurationException($"{ManagementAuthLevelSetting}: '{text}' is not valid; expected anonymous, function or admin.");
    }

    /// <summary>Adds local.settings.json Values so that real environment variables still win.</summary>
    private static void AddBelowEnvironment(ConfigurationManager configuration, IReadOnlyDictionary<string, string> values)
    {
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var environment = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        var local = new MemoryConfigurationSource { InitialData = values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value)) };
        sources.Insert(environment < 0 ? sources.Count : environment, local);
    }
}
