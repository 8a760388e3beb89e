using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MLOps.Durable.Host.Configuration;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Registration;

namespace MLOps.Durable.Host;

/// <summary>
/// Prints what a user needs after start, as <c>func start</c> does: the backend (never its connection string),
/// the URLs of the functions and the dashboard, and the keys the host generated (keys set in settings are not shown).
/// </summary>
internal static class HostBanner
{
    public static async Task PrintAsync(WebApplication app, TextWriter? output = null)
    {
        var console = output ?? Console.Out;
        var keys = await app.Services.GetRequiredService<FunctionKeyProvider>().GetKeysAsync().ConfigureAwait(false);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var baseUrl = addresses.FirstOrDefault() ?? "http://localhost:" + HostApplication.DefaultPort;
        var settings = app.Services.GetRequiredService<HostSettings>();
        var registry = app.Services.GetRequiredService<DurableTaskRegistry>();
        console.WriteLine();
        console.WriteLine($"MLOps.Durable host - task hub {settings.HubName}");
        console.WriteLine($"Storage: {app.Services.GetRequiredService<TaskHubStorage>().Description}");
        console.WriteLine();
        console.WriteLine("Functions:");
        console.WriteLine($"  health: [GET] {baseUrl}/{settings.RoutePrefix}/health");
        foreach (var name in registry.OrchestratorNames.Where(IsUserFunction).Order(StringComparer.OrdinalIgnoreCase))
        {
            console.WriteLine($"  {name}: orchestrationTrigger - start: [POST] {baseUrl}/runtime/webhooks/durabletask/orchestrators/{name}");
        }

        foreach (var timer in app.Services.GetRequiredService<Triggers.TimerTriggers>().Definitions)
        {
            console.WriteLine($"  {timer.Name}: timerTrigger - schedule '{timer.Schedule}' ({timer.TimeZoneId})");
        }

        foreach (var name in registry.ActivityNames.Where(IsUserFunction).Order(StringComparer.OrdinalIgnoreCase))
        {
            console.WriteLine($"  {name}: activityTrigger");
        }

        var catalog = app.Services.GetRequiredService<PipelineCatalog>();
        var paths = app.Services.GetRequiredService<HostPaths>();
        console.WriteLine();
        console.WriteLine($"Pipelines ({paths.Relative(paths.Workflows)}): {(catalog.Pipelines.Count == 0 ? "none" : string.Join(", ", catalog.Pipelines.Select(p => p.Name)))}");
        console.WriteLine($"  list: [GET] {baseUrl}/{settings.RoutePrefix}/pipelines");
        foreach (var error in catalog.Errors)
        {
            console.WriteLine($"  not loaded: {paths.Relative(error.File)}:{error.Line}:{error.Column}: {error.Field}: {error.Message}");
        }

        console.WriteLine();
        console.WriteLine($"Events: [GET] {baseUrl}/{settings.RoutePrefix}/events; local Event Grid topic [POST] {baseUrl}/{settings.RoutePrefix}/events/topic");
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var topicKey = await app.Services.GetRequiredService<Events.EventTopicKey>().GetAsync().ConfigureAwait(false);
        console.WriteLine($"  topic key (aeg-sas-key): {Shown(configuration, Events.EventTopicKey.Setting, topicKey)}");
        foreach (var subscription in settings.EventSubscriptions)
        {
            console.WriteLine($"  forwards {(subscription.Types.Count == 0 ? "every event" : string.Join(", ", subscription.Types))} to {subscription.Name} ({subscription.Endpoint})");
        }

        console.WriteLine();
        console.WriteLine($"Durable Functions management API: {baseUrl}/runtime/webhooks/durabletask/instances");
        console.WriteLine($"Dashboard: {baseUrl}/ (sign in with the function key)");
        console.WriteLine();
        console.WriteLine("Keys (send as the x-functions-key header or ?code=):");
        console.WriteLine($"  master (admin): {Shown(configuration, FunctionKeyProvider.MasterKeySetting, keys.MasterKey)}");
        console.WriteLine($"  function:       {Shown(configuration, FunctionKeyProvider.FunctionKeySetting, keys.FunctionKey)}");
    }

    /// <summary>
    /// A key the host generated is shown (on a laptop that is how its user learns it); one given in a setting is not,
    /// because there the output usually goes to a log store (a container's console is collected).
    /// </summary>
    private static string Shown(IConfiguration configuration, string setting, string key) =>
        configuration[setting] is { Length: > 0 } ? $"set by {setting} (not shown)" : key;

    /// <summary>Names starting with '$' belong to the host itself (timer triggers) and are not listed.</summary>
    private static bool IsUserFunction(string name) => !name.StartsWith('$');
}
