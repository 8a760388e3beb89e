using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MLOps.Durable.Storage;
using MLOps.Durable.Testing;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Engine.Tests.Worker;

/// <summary>
/// The dispatch loop against a store that cannot be reached: it waits the backoff's growing delays (on the fake
/// clock, so nothing sleeps), logs the first failure with the exception and the later ones as attempts, logs the
/// recovery, and starts again from the initial delay after a success.
/// </summary>
public sealed class DispatchLoopTests
{
    private const int StoreUnavailable = 1020;
    private const int StoreStillUnavailable = 1022;
    private const int StoreReachable = 1023;

    [Fact]
    public async Task RunAsync_StoreDownThenBack_BacksOffCappedLogsRecoveryAndResets()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger();
        var calls = Channel.CreateUnbounded<int>();
        var count = 0;
        var loop = new DispatchLoop<int>(
            "orchestration", 1, new WorkSignal(time), TimeSpan.FromMilliseconds(250), time, logger,
            (_, _) =>
            {
                var call = Interlocked.Increment(ref count);
                calls.Writer.TryWrite(call);
                // Down for the first eight calls, back for the ninth, down once more on the tenth.
                return call is <= 8 or 10 ? throw new StoreUnavailableException("Azure Storage is not reachable.") : Task.FromResult<IReadOnlyList<int>>([]);
            },
            _ => Task.CompletedTask,
            new RetryBackoff(RetryBackoff.DefaultInitial, RetryBackoff.DefaultMax, new Random(7)));
        using var stop = new CancellationTokenSource();
        var timeout = TestTimeout.Token();
        var running = loop.RunAsync(stop.Token);

        var delays = new List<TimeSpan>();
        for (var call = 1; call <= 8; call++)
        {
            Assert.Equal(call, await calls.Reader.ReadAsync(timeout));
            var entry = await logger.Entries.ReadAsync(timeout);
            Assert.Equal(call == 1 ? StoreUnavailable : StoreStillUnavailable, entry.EventId);
            Assert.Equal(call == 1, entry.Exception is StoreUnavailableException);
            delays.Add((TimeSpan)entry.Values["Delay"]!);
            time.Advance(delays[^1]);
        }

        Assert.Equal(9, await calls.Reader.ReadAsync(timeout));
        var recovered = await logger.Entries.ReadAsync(timeout);
        Assert.Equal((StoreReachable, 8), (recovered.EventId, (int)recovered.Values["Failures"]!));
        time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal(10, await calls.Reader.ReadAsync(timeout));
        var again = await logger.Entries.ReadAsync(timeout);

        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
        // Doubling ceilings 100 ms .. 3.2 s: each wait at least the previous one; from the seventh on, capped at 5 s.
        Assert.All(delays.Take(6).Zip(delays.Skip(1).Take(5)), pair => Assert.True(pair.Second >= pair.First, $"{pair.Second} after {pair.First}"));
        Assert.All(delays.Skip(6), d => Assert.InRange(d, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(5)));
        Assert.Equal(StoreUnavailable, again.EventId);
        Assert.InRange((TimeSpan)again.Values["Delay"]!, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));

        await stop.CancelAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        await running.WaitAsync(timeout);
    }

    private sealed record LogEntry(int EventId, Exception? Exception, IReadOnlyDictionary<string, object?> Values);

    private sealed class RecordingLogger : ILogger
    {
        private readonly Channel<LogEntry> _entries = Channel.CreateUnbounded<LogEntry>();

        public ChannelReader<LogEntry> Entries => _entries.Reader;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            _entries.Writer.TryWrite(new LogEntry(eventId.Id, exception, values.ToDictionary(p => p.Key, p => p.Value)));
        }
    }
}
