using MLOps.Durable.Host.Triggers;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Host.Tests.Triggers;

/// <summary>Timer triggers on a fake clock: on time, past due after downtime (once), never twice across restarts.</summary>
public sealed class TimerTriggerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Timer_OnTimeThenAfterDowntime_RunsOnceOnTimeAndOncePastDue()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryDurableStore(clock);
        var runs = new List<TimerInfo>();
        var timers = new TimerTriggers().Add(new TimerTriggerDefinition("Nightly", "0 0 2 * * *", (info, _, _) =>
        {
            lock (runs)
            {
                runs.Add(info);
            }

            return Task.CompletedTask;
        }));
        var id = TimerTriggerOrchestrator.InstanceIdFor("Nightly");

        var first = await StartHostAsync(store, clock, timers);
        await first.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromHours(2), TestTimeout.Token());
        await WaitForLastAsync(first, id, Start.AddHours(2));
        await first.DisposeAsync();

        clock.Advance(TimeSpan.FromDays(3));
        await using var second = await StartHostAsync(store, clock, timers);
        await WaitForLastAsync(second, id, Start.AddDays(1).AddHours(2));

        TimerInfo[] seen;
        lock (runs)
        {
            seen = [.. runs];
        }

        Assert.Equal(2, seen.Length);
        Assert.Equal((Start.AddHours(2), false), (seen[0].ScheduledAt, seen[0].IsPastDue));
        Assert.Equal((Start.AddDays(1).AddHours(2), true), (seen[1].ScheduledAt, seen[1].IsPastDue));
        var state = (await second.Client.GetInstanceAsync(id, true))!.ReadInputAs<TimerTriggerState>()!;
        Assert.Equal(Start.AddDays(4).AddHours(2), state.Next);
        Assert.Single(await second.Client.GetAllInstancesAsync(new Storage.InstanceQuery { InstanceIdPrefix = "timer:" }).ToListAsync());
    }

    [Fact]
    public async Task RunOnStartup_EveryStart_RunsImmediatelyBesidesTheSchedule()
    {
        var clock = new FakeTimeProvider(Start);
        var store = new InMemoryDurableStore(clock);
        var runs = 0;
        var timers = new TimerTriggers().Add(new TimerTriggerDefinition("Warmup", "0 0 * * * *", (_, _, _) =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        })
        { RunOnStartup = true });

        await (await StartHostAsync(store, clock, timers)).DisposeAsync();
        await (await StartHostAsync(store, clock, timers)).DisposeAsync();

        Assert.Equal(2, runs);
    }

    [Theory]
    [InlineData("0 0 2 * *", "5 fields")]
    [InlineData("0 0 25 * * *", "hour")]
    public void Add_InvalidSchedule_FailsNamingTheProblem(string schedule, string named)
    {
        var ex = Assert.Throws<FormatException>(() => new TimerTriggers().Add(new TimerTriggerDefinition("Bad", schedule, (_, _, _) => Task.CompletedTask)));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private static async Task<DurableTestHost> StartHostAsync(InMemoryDurableStore store, FakeTimeProvider clock, TimerTriggers timers)
    {
        var host = await DurableTestHost.StartAsync(_ => store, timers.Register, clock, cancellationToken: TestTimeout.Token());
        await timers.StartAsync(host.Client, EmptyServices.Instance, clock, TestTimeout.Token());
        return host;
    }

    private static Task WaitForLastAsync(DurableTestHost host, string id, DateTimeOffset last) =>
        host.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync(id, true))?.ReadInputAs<TimerTriggerState>()?.Last == last,
            TestTimeout.Token());

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
