using MLOps.Durable.Worker;

namespace MLOps.Durable.Engine.Tests.Worker;

/// <summary>The worker's backoff: doubling from the initial delay up to the cap, jittered within [d/2, d], reset by a success.</summary>
public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999999)]
    public void NextDelay_ConsecutiveFailures_DoublesWithinJitterBoundsUpToTheCap(double draw)
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new FixedRandom(draw));
        var ceilings = new[] { 100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000, 5_000 };

        foreach (var ceiling in ceilings)
        {
            var delay = backoff.NextDelay();
            Assert.InRange(delay, TimeSpan.FromMilliseconds(ceiling / 2.0), TimeSpan.FromMilliseconds(ceiling));
            Assert.Equal(TimeSpan.FromMilliseconds((ceiling / 2.0) + (draw * ceiling / 2.0)).TotalMilliseconds, delay.TotalMilliseconds, 0.01);
        }

        Assert.Equal(ceilings.Length, backoff.Failures);
    }

    [Fact]
    public void NextDelay_AnyDraws_NeverShorterThanThePreviousUntilTheCap()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new Random(12345));
        var previous = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            var delay = backoff.NextDelay();
            Assert.True(delay >= previous, $"failure {i + 1}: {delay} after {previous}");
            previous = delay;
        }
    }

    [Fact]
    public void Reset_AfterFailures_StartsAgainFromTheInitialDelay()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new FixedRandom(0.999999));
        for (var i = 0; i < 10; i++)
        {
            backoff.NextDelay();
        }

        backoff.Reset();

        Assert.Equal(0, backoff.Failures);
        Assert.InRange(backoff.NextDelay(), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void NextDelay_ThousandsOfFailures_StaysAtTheCap()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), new FixedRandom(0.999999));
        var delay = TimeSpan.Zero;
        for (var i = 0; i < 5_000; i++)
        {
            delay = backoff.NextDelay();
        }

        Assert.InRange(delay, TimeSpan.FromSeconds(4.99), TimeSpan.FromSeconds(5));
    }

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
