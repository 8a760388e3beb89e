using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Drift;

public sealed class KolmogorovDistributionTests
{
    [Fact]
    public void Survival_ReferencePointsAcrossAlgorithms_MatchScipyKstwo()
    {
        foreach (var point in ReferenceData.Root["specialFunctions"]!["kolmogorov"]!.AsArray())
        {
            var n = point!["n"]!.GetValue<int>();
            var x = ReferenceData.Number(point["x"]);
            Tolerance.Close(ReferenceData.Number(point["sf"]), KolmogorovDistribution.Survival(n, x), Tolerance.PValue, $"kstwo.sf({x}, {n})");
        }
    }
}
