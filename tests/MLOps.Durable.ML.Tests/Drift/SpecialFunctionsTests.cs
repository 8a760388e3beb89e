using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Drift;

public sealed class SpecialFunctionsTests
{
    [Fact]
    public void ChiSquareSurvival_ReferencePoints_MatchScipyChi2Sf()
    {
        foreach (var point in ReferenceData.Root["specialFunctions"]!["chiSquare"]!.AsArray())
        {
            var x = ReferenceData.Number(point!["x"]);
            var dof = ReferenceData.Number(point["dof"]);
            Tolerance.Close(ReferenceData.Number(point["sf"]), SpecialFunctions.ChiSquareSurvival(x, dof), Tolerance.PValue, $"chi2.sf({x}, {dof})");
        }
    }

    [Fact]
    public void NormalTwoSidedTail_ReferencePoints_MatchScipyNorm()
    {
        foreach (var point in ReferenceData.Root["specialFunctions"]!["normal"]!.AsArray())
        {
            var z = ReferenceData.Number(point!["z"]);
            Tolerance.Close(ReferenceData.Number(point["twoSided"]), SpecialFunctions.NormalTwoSidedTail(z), Tolerance.PValue, $"2·norm.sf(|{z}|)");
        }
    }
}
