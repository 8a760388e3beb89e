using MLOps.Durable.ML.Metrics;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Metrics;

public sealed class ClassificationMetricsTests
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames("classification");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_ReferenceCase_MatchesScikitLearn(string name)
    {
        var expected = ReferenceData.Case("classification", name);
        var classCount = expected["classCount"]!.GetValue<int>();

        var report = ClassificationMetrics.Evaluate(
            ReferenceData.Integers(expected["actual"]!),
            ReferenceData.Numbers(expected["probabilities"]!),
            classCount);

        Tolerance.Close(ReferenceData.Number(expected["accuracy"]), report.Accuracy, Tolerance.ClosedForm, "accuracy");
        Tolerance.Close(ReferenceData.Number(expected["macroPrecision"]), report.MacroPrecision, Tolerance.ClosedForm, "macro precision");
        Tolerance.Close(ReferenceData.Number(expected["macroRecall"]), report.MacroRecall, Tolerance.ClosedForm, "macro recall");
        Tolerance.Close(ReferenceData.Number(expected["macroF1"]), report.MacroF1, Tolerance.ClosedForm, "macro F1");
        Tolerance.Close(ReferenceData.Number(expected["logLoss"]), report.LogLoss, Tolerance.ClosedForm, "log loss");
        for (var c = 0; c < classCount; c++)
        {
            Tolerance.Close(ReferenceData.Numbers(expected["precision"]!)[c], report.Classes[c].Precision, Tolerance.ClosedForm, $"precision {c}");
            Tolerance.Close(ReferenceData.Numbers(expected["recall"]!)[c], report.Classes[c].Recall, Tolerance.ClosedForm, $"recall {c}");
            Tolerance.Close(ReferenceData.Numbers(expected["f1"]!)[c], report.Classes[c].F1, Tolerance.ClosedForm, $"F1 {c}");
            Assert.Equal(ReferenceData.Integers(expected["support"]!)[c], report.Classes[c].Support);
            Assert.Equal(ReferenceData.Integers(expected["confusionMatrix"]![c]!), report.ConfusionMatrix[c]);
        }

        AssertOptional(ReferenceData.NullableNumber(expected["rocAuc"]), report.RocAuc, "ROC AUC");
        AssertOptional(ReferenceData.NullableNumber(expected["prAuc"]), report.PrAuc, "PR AUC");
    }

    [Fact]
    public void Evaluate_OneClassPresent_AreasAreNull()
    {
        var report = ClassificationMetrics.Evaluate([1, 1, 1], [0.2, 0.8, 0.6, 0.4, 0.1, 0.9], 2);

        Assert.Null(report.RocAuc);
        Assert.Null(report.PrAuc);
        Assert.Equal(2.0 / 3, report.Accuracy, 12);
        Assert.Equal(0.0, report.Classes[0].Precision);
    }

    [Fact]
    public void Evaluate_ClassNames_AppearInPerClassMetrics()
    {
        var report = ClassificationMetrics.Evaluate([0, 1], [0.9, 0.1, 0.3, 0.7], 2, ["stay", "churn"]);

        Assert.Equal(["stay", "churn"], report.Classes.Select(c => c.Name));
    }

    [Fact]
    public void Evaluate_LengthMismatch_ThrowsWithExpectedShape()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0, 1], [0.5, 0.5, 0.5], 2));

        Assert.Contains("probabilities has 3 values; expected rows × classCount = 2 × 2 = 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_LabelOutOfRange_ThrowsNamingRow()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0, 2], [0.5, 0.5, 0.5, 0.5], 2));

        Assert.Contains("actual[1] is 2; expected a class index in [0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NonFiniteProbability_ThrowsNamingCell()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0, 1], [0.5, 0.5, double.NaN, 0.5], 2));

        Assert.Contains("probabilities[1, 0] is NaN; expected a finite probability in [0, 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_RowNotSummingToOne_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0], [0.5, 0.6], 2));

        Assert.Contains("row 0 sums to 1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_Empty_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([], [], 2));

        Assert.Contains("actual is empty", error.Message, StringComparison.Ordinal);
    }

    private static void AssertOptional(double? expected, double? actual, string what)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is not null)
        {
            Tolerance.Close(expected.Value, actual!.Value, Tolerance.ClosedForm, what);
        }
    }
}
