using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Durable.History;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Engine.Tests.Worker;

/// <summary>
/// An activity that cannot reach its store (it throws <see cref="StoreUnavailableException"/>, directly or inside
/// another exception) has no outcome yet: nothing is recorded, so the orchestration's retries are not spent on an
/// outage, and the request runs again once its lock expires. The history ends with one result.
/// </summary>
public sealed class ActivityStoreUnavailableTests
{
    private const int ActivityStoreUnavailable = 1036;

    [Fact]
    public async Task Activity_StoreUnavailable_NotRecordedRunsAgainAfterItsLockAndCompletesOnce()
    {
        var timeout = TestTimeout.Token();
        var attempts = 0;
        var logged = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await DurableTestHost.StartAsync(
            time => new InMemoryDurableStore(time),
            registry => registry
                .AddActivityFunc<int, int>("Work", (_, n) => Interlocked.Increment(ref attempts) == 1
                    ? throw new IOException("Could not write the model.", new StoreUnavailableException("Azure Storage is not reachable."))
                    : Task.FromResult(n * 2))
                .AddOrchestratorFunc<int, int>("Flow", async (ctx, n) => await ctx.CallActivityAsync<int>("Work", n, new TaskOptions(new RetryPolicy(1, TimeSpan.FromSeconds(1))))),
            configure: options => options.LockDuration = TimeSpan.FromSeconds(30),
            cancellationToken: timeout,
            addServices: services => services.AddSingleton<ILoggerProvider>(new EventProvider(ActivityStoreUnavailable, logged)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 21);

        // Logged once the attempt is over and its lock no longer renewed; nothing is in the history for it.
        var message = await logged.Task.WaitAsync(timeout);
        Assert.Contains("Azure Storage is not reachable.", message, StringComparison.Ordinal);
        var history = await host.Store.GetHistoryAsync(id, timeout);
        Assert.DoesNotContain(history, e => e is TaskFailed or TaskCompleted);

        host.FakeTime.Advance(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, timeout);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(2, attempts);
        history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskScheduled>());
        Assert.Single(history.OfType<TaskCompleted>());
        Assert.Empty(history.OfType<TaskFailed>());
    }

    /// <summary>Completes <paramref name="logged"/> with the message of the first entry with <paramref name="eventId"/>.</summary>
    private sealed class EventProvider(int eventId, TaskCompletionSource<string> logged) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (id.Id == eventId)
            {
                logged.TrySetResult(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
