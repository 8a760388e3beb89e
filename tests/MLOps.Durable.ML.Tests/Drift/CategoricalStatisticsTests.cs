using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Drift;

/// <summary>Chi-square, z-test, Jensen-Shannon and PSI on categorical samples against SciPy with Evidently's definitions.</summary>
public sealed class CategoricalStatisticsTests
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames("categoricalDrift");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChiSquare_ReferenceCase_MatchesScipyChisquare(string name)
    {
        var (reference, current, expected) = Load(name);

        var result = ChiSquareTest.Run<string>(reference, current, StringComparer.Ordinal);

        if (expected["chiSquarePValue"] is null)
        {
            // One category overall: SciPy returns NaN (zero degrees of freedom); this library reports no drift.
            Assert.Equal(new StatisticResult(0.0, 1.0), result);
            return;
        }

        Tolerance.Close(ReferenceData.Number(expected["chiSquare"]), result.Statistic, Tolerance.ClosedForm, "chi-square");
        Tolerance.Close(ReferenceData.Number(expected["chiSquarePValue"]), result.PValue!.Value, Tolerance.PValue, "p-value");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZTest_ReferenceCase_MatchesEvidentlyDefinition(string name)
    {
        var (reference, current, expected) = Load(name);

        var result = ProportionZTest.Run<string>(reference, current, StringComparer.Ordinal);

        Tolerance.Close(ReferenceData.Number(expected["z"]), result.Statistic, Tolerance.ClosedForm, "z");
        Tolerance.Close(ReferenceData.Number(expected["zPValue"]), result.PValue!.Value, Tolerance.PValue, "p-value");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void JensenShannonAndPsi_ReferenceCase_MatchEvidentlyDefinition(string name)
    {
        var (reference, current, expected) = Load(name);

        Tolerance.Close(ReferenceData.Number(expected["jensenShannon"]), JensenShannonDistance.Compute<string>(reference, current).Statistic, Tolerance.ClosedForm, "Jensen-Shannon");
        Tolerance.Close(ReferenceData.Number(expected["psi"]), PopulationStabilityIndex.Compute<string>(reference, current).Statistic, Tolerance.ClosedForm, "PSI");
    }

    private static (string[] Reference, string[] Current, System.Text.Json.Nodes.JsonNode Expected) Load(string name)
    {
        var expected = ReferenceData.Case("categoricalDrift", name);
        return (
            [.. expected["reference"]!.AsArray().Select(v => (string)v!)],
            [.. expected["current"]!.AsArray().Select(v => (string)v!)],
            expected);
    }
}
