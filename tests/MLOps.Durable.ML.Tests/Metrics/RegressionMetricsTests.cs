using MLOps.Durable.ML.Metrics;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Metrics;

public sealed class RegressionMetricsTests
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames("regression");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_ReferenceCase_MatchesScikitLearn(string name)
    {
        var expected = ReferenceData.Case("regression", name);

        var report = RegressionMetrics.Evaluate(ReferenceData.Numbers(expected["actual"]!), ReferenceData.Numbers(expected["predicted"]!));

        Tolerance.Close(ReferenceData.Number(expected["rmse"]), report.Rmse, Tolerance.ClosedForm, "RMSE");
        Tolerance.Close(ReferenceData.Number(expected["mae"]), report.Mae, Tolerance.ClosedForm, "MAE");
        Tolerance.Close(ReferenceData.Number(expected["r2"]), report.R2, Tolerance.ClosedForm, "R²");
    }

    [Fact]
    public void Evaluate_ConstantActualExactPrediction_R2IsOne()
    {
        Assert.Equal(1.0, RegressionMetrics.Evaluate([2, 2], [2, 2]).R2);
    }

    [Fact]
    public void Evaluate_LengthMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Evaluate([1, 2, 3], [1, 2]));

        Assert.Contains("predicted has 2 values; expected 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NonFinite_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => RegressionMetrics.Evaluate([1, double.PositiveInfinity], [1, 2]));

        Assert.Contains("actual[1] is Infinity; expected a finite number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Evaluate([], []));
    }
}
