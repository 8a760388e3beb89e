using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Tests.Definitions;

public sealed class MetricGateTests
{
    [Theory]
    [InlineData("rocAuc >= 0.97", 0.97, true)]
    [InlineData("rocauc>0.97", 0.97, false)]
    [InlineData("rmse < 55", 54.9, true)]
    [InlineData("R2 <= 1e-1", 0.2, false)]
    public void TryParse_ThenIsMetBy_ComparesAsWritten(string text, double value, bool met)
    {
        Assert.True(MetricGate.TryParse(text, out var gate, out var error), error);
        Assert.Equal(met, gate!.IsMetBy(value));
    }

    [Fact]
    public void TryParse_KnownMetricAnyCase_IsCanonicalized()
    {
        MetricGate.TryParse("ROCAUC >= 0.9", out var gate, out _);

        Assert.Equal("rocAuc >= 0.9", gate!.ToString());
    }

    [Theory]
    [InlineData("rocAuc == 1", "is not a gate")]
    [InlineData("speed >= 3", "'speed' is not a metric")]
    [InlineData(">= 3", "is not a gate")]
    public void TryParse_Invalid_SaysWhatWasExpected(string text, string expected)
    {
        Assert.False(MetricGate.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
