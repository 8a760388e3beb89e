using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Tests.Definitions;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("72h", 72 * 3600)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("0.5h", 1800)]
    public void TryParse_Valid_GivesTheDuration(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        Assert.True(Durations.TryParse(Durations.Format(duration), out var again));
        Assert.Equal(duration, again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3 dayz")]
    [InlineData("72")]
    [InlineData("0h")]
    [InlineData("-1h")]
    [InlineData("h")]
    public void TryParse_Invalid_IsRefused(string text) => Assert.False(Durations.TryParse(text, out _));
}
