using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Drift;

public sealed class KolmogorovSmirnovTestTests
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames("numericDrift");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_ReferenceCase_MatchesScipyKs2samp(string name)
    {
        var expected = ReferenceData.Case("numericDrift", name);

        var result = KolmogorovSmirnovTest.Run(ReferenceData.Sample(expected["reference"]!), ReferenceData.Sample(expected["current"]!));

        Assert.Equal(expected["exact"]!.GetValue<bool>(), result.Exact);
        Tolerance.Close(ReferenceData.Number(expected["ksStatistic"]), result.Statistic, Tolerance.ClosedForm, "D");
        Tolerance.Close(ReferenceData.Number(expected["ksPValue"]), result.PValue, Tolerance.PValue, "p-value");
    }

    [Fact]
    public void Run_IdenticalSamples_PValueIsOne()
    {
        var result = KolmogorovSmirnovTest.Run([1, 2, 3], [3, 2, 1]);

        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Run_EmptySample_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.Run([1.0], []));

        Assert.Equal("current", error.ParamName);
    }

    [Fact]
    public void Run_NaN_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => KolmogorovSmirnovTest.Run([1.0, double.NaN], [1.0]));

        Assert.Contains("Value 1 is NaN", error.Message, StringComparison.Ordinal);
    }
}
