using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Drift;

/// <summary>Wasserstein, Jensen-Shannon and PSI on numeric samples against SciPy/NumPy with Evidently's binning.</summary>
public sealed class DistanceStatisticsTests
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames("numericDrift");

    [Theory]
    [MemberData(nameof(Cases))]
    public void WassersteinNormalized_ReferenceCase_MatchesScipy(string name)
    {
        var (reference, current, expected) = Load(name);

        var result = WassersteinDistance.Normalized(reference, current);

        Tolerance.Close(ReferenceData.Number(expected["wasserstein"]), result.Statistic, Tolerance.ClosedForm, "normalized Wasserstein");
        Assert.Null(result.PValue);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void JensenShannon_ReferenceCase_MatchesScipy(string name)
    {
        var (reference, current, expected) = Load(name);

        var result = JensenShannonDistance.Compute(reference, current);

        Tolerance.Close(ReferenceData.Number(expected["jensenShannon"]), result.Statistic, Tolerance.ClosedForm, "Jensen-Shannon");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Psi_ReferenceCase_MatchesEvidentlyDefinition(string name)
    {
        var (reference, current, expected) = Load(name);

        var result = PopulationStabilityIndex.Compute(reference, current);

        Tolerance.Close(ReferenceData.Number(expected["psi"]), result.Statistic, Tolerance.ClosedForm, "PSI");
    }

    [Fact]
    public void WassersteinCompute_ShiftedSample_IsTheShift()
    {
        Assert.Equal(0.5, WassersteinDistance.Compute([0, 1, 2], [0.5, 1.5, 2.5]), 12);
    }

    private static (double[] Reference, double[] Current, System.Text.Json.Nodes.JsonNode Expected) Load(string name)
    {
        var expected = ReferenceData.Case("numericDrift", name);
        return (ReferenceData.Sample(expected["reference"]!), ReferenceData.Sample(expected["current"]!), expected);
    }
}
