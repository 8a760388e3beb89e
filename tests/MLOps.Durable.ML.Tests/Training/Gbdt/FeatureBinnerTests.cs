using MLOps.Durable.ML.Training.Gbdt;

namespace MLOps.Durable.ML.Tests.Training.Gbdt;

public sealed class FeatureBinnerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(254)]
    public void BinOf_AnyEdgeCount_CountsTheEdgesBelowTheValue(int edgeCount)
    {
        var edges = Enumerable.Range(0, edgeCount).Select(i => i + 0.5f).ToArray();

        for (var value = -1f; value <= edgeCount + 1; value += 0.25f)
        {
            Assert.Equal(edges.Count(e => e < value), FeatureBinner.BinOf(edges, value));
        }

        Assert.Equal(0, FeatureBinner.BinOf(edges, float.NaN));
    }
}
