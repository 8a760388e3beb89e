using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace MLOps.Durable.Registration;

/// <summary>
/// The orchestrators and activities a worker can run, by name (names compare case-insensitively, as in
/// Durable Functions). Classes are created per execution or call, with constructor injection.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>Registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator class under its <see cref="DurableTaskAttribute"/> name or class name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>() where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(NameOf(typeof(TOrchestrator)), sp => ActivatorUtilities.CreateInstance<TOrchestrator>(sp));

    /// <summary>Registers an orchestrator factory under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        Add(_orchestrators, "orchestrator", name, factory);
        return this;
    }

    /// <summary>Registers a function-style orchestrator.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(run));
    }

    /// <summary>Registers a function-style orchestrator without output.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput>(string name, Func<TaskOrchestrationContext, TInput, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AddOrchestratorFunc<TInput, object?>(name, async (context, input) =>
        {
            await run(context, input);
            return null;
        });
    }

    /// <summary>Registers an activity class under its <see cref="DurableTaskAttribute"/> name or class name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>() where TActivity : class, ITaskActivity =>
        AddActivity(NameOf(typeof(TActivity)), sp => ActivatorUtilities.CreateInstance<TActivity>(sp));

    /// <summary>Registers an activity factory under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory)
    {
        Add(_activities, "activity", name, factory);
        return this;
    }

    /// <summary>Registers a function-style asynchronous activity.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>(run);
        return AddActivity(name, _ => activity);
    }

    /// <summary>Registers a function-style synchronous activity.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, TOutput> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AddActivityFunc<TInput, TOutput>(name, (context, input) => Task.FromResult(run(context, input)));
    }

    /// <summary>True when an orchestrator with this name is registered.</summary>
    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    /// <summary>Creates the orchestrator, or null when none is registered under <paramref name="name"/>.</summary>
    public ITaskOrchestrator? CreateOrchestrator(string name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;

    /// <summary>Creates the activity, or null when none is registered under <paramref name="name"/>.</summary>
    public ITaskActivity? CreateActivity(string name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    /// <summary>The error for an orchestrator name that is not registered.</summary>
    public TaskNotRegisteredException UnknownOrchestrator(string name) => new("orchestrator", name, _orchestrators.Keys);

    /// <summary>The error for an activity name that is not registered.</summary>
    public TaskNotRegisteredException UnknownActivity(string name) => new("activity", name, _activities.Keys);

    private static string NameOf(Type type) => type.GetCustomAttribute<DurableTaskAttribute>()?.Name ?? type.Name;

    private static void Add<T>(Dictionary<string, T> registrations, string kind, string name, T factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!registrations.TryAdd(name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered; names are case-insensitive.", nameof(name));
        }
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
