using System.Text.Json.Nodes;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Tests.Reference;

namespace MLOps.Durable.ML.Tests.Drift;

public sealed class DataDriftDetectorTests
{
    public static TheoryData<string> Frames => ReferenceData.CaseNames("frames");

    [Theory]
    [MemberData(nameof(Frames))]
    public void Detect_ReferenceFrame_MatchesEvidentlyDefaults(string name)
    {
        var frameCase = ReferenceData.Case("frames", name);
        var (reference, current) = BuildFrames(frameCase["columns"]!.AsArray());

        var report = DataDriftDetector.Detect(reference, current);

        var expectedColumns = frameCase["expected"]!.AsArray();
        Assert.Equal(expectedColumns.Count, report.ColumnCount);
        for (var i = 0; i < expectedColumns.Count; i++)
        {
            var expected = expectedColumns[i]!;
            var actual = report.Columns[i];
            Assert.Equal((string)expected["name"]!, actual.Name);
            Assert.Equal((string)expected["method"]!, JsonNamingPolicyCamel(actual.Method));
            var isTest = expected["pValue"] is not null;
            Tolerance.Close(ReferenceData.Number(expected["statistic"]), actual.Statistic, isTest ? Tolerance.PValue : Tolerance.ClosedForm, $"{actual.Name} statistic");
            if (isTest)
            {
                Tolerance.Close(ReferenceData.Number(expected["pValue"]), actual.PValue!.Value, Tolerance.PValue, $"{actual.Name} p-value");
            }
            else
            {
                Assert.Null(actual.PValue);
            }

            Assert.Equal(expected["drifted"]!.GetValue<bool>(), actual.Drifted);
            Assert.Equal(expected["referenceCount"]!.GetValue<int>(), actual.ReferenceCount);
            Assert.Equal(expected["currentCount"]!.GetValue<int>(), actual.CurrentCount);
            Assert.Equal(expected["referenceMissing"]!.GetValue<int>(), actual.ReferenceMissing);
            Assert.Equal(expected["currentMissing"]!.GetValue<int>(), actual.CurrentMissing);
            Assert.Equal(actual.ReferenceCount, actual.Histogram.Sum(b => b.ReferenceCount));
            Assert.Equal(actual.CurrentCount, actual.Histogram.Sum(b => b.CurrentCount));
        }

        Assert.Equal(frameCase["driftedColumnCount"]!.GetValue<int>(), report.DriftedColumnCount);
        Assert.Equal(frameCase["datasetDrift"]!.GetValue<bool>(), report.DatasetDrift);
    }

    [Fact]
    public void Detect_ColumnMissingFromCurrent_ThrowsNamingIt()
    {
        var reference = new DataFrame([new NumericColumn("x", [1, 2]), new NumericColumn("y", [1, 2])]);
        var current = new DataFrame([new NumericColumn("x", [1, 2])]);

        var error = Assert.Throws<ArgumentException>(() => DataDriftDetector.Detect(reference, current));

        Assert.Contains("current data has no column(s) 'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_KindDiffers_ThrowsNamingColumn()
    {
        var reference = new DataFrame([new NumericColumn("x", [1, 2])]);
        var current = new DataFrame([new CategoricalColumn("x", ["a", "b"])]);

        var error = Assert.Throws<ArgumentException>(() => DataDriftDetector.Detect(reference, current));

        Assert.Contains("'x' is Numeric in the reference data but Categorical", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_NumericMethodOnCategorical_Throws()
    {
        var frame = new DataFrame([new CategoricalColumn("c", ["a", "b", "c"])]);
        var options = new DriftOptions { ColumnMethods = new Dictionary<string, DriftMethod> { ["c"] = DriftMethod.KolmogorovSmirnov } };

        var error = Assert.Throws<ArgumentException>(() => DataDriftDetector.Detect(frame, frame, options));

        Assert.Contains("Column 'c' is Categorical; method KolmogorovSmirnov needs a numeric column", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MethodAndThresholdOverrides_AreApplied()
    {
        var reference = new DataFrame([new NumericColumn("x", [1, 2, 3, 4, 5, 6, 7, 8]), new NumericColumn("y", [1, 2, 3, 4, 5, 6, 7, 8])]);
        var current = new DataFrame([new NumericColumn("x", [2, 3, 4, 5, 6, 7, 8, 9]), new NumericColumn("y", [1, 2, 3, 4, 5, 6, 7, 8])]);
        var options = new DriftOptions
        {
            Columns = ["x"],
            ColumnMethods = new Dictionary<string, DriftMethod> { ["x"] = DriftMethod.Wasserstein },
            ColumnThresholds = new Dictionary<string, double> { ["x"] = 2.0 },
        };

        var report = DataDriftDetector.Detect(reference, current, options);

        var column = Assert.Single(report.Columns);
        Assert.Equal(DriftMethod.Wasserstein, column.Method);
        Assert.Equal(2.0, column.Threshold);
        Assert.Equal(1.0 / Math.Sqrt(5.25), column.Statistic, 12);
        Assert.False(column.Drifted);
    }

    [Fact]
    public void Detect_AllCurrentMissing_ReportsCountsWithoutVerdict()
    {
        var reference = new DataFrame([new NumericColumn("x", [1, 2, 3])]);
        var current = new DataFrame([new NumericColumn("x", [double.NaN, double.NaN])]);

        var column = Assert.Single(DataDriftDetector.Detect(reference, current).Columns);

        Assert.True(double.IsNaN(column.Statistic));
        Assert.False(column.Drifted);
        Assert.Equal(2, column.CurrentMissing);
    }

    [Fact]
    public void Detect_InvalidOption_ThrowsNamingIt()
    {
        var frame = new DataFrame([new NumericColumn("x", [1, 2])]);

        var error = Assert.Throws<ArgumentException>(() => DataDriftDetector.Detect(frame, frame, new DriftOptions { PValueThreshold = 1.5 }));

        Assert.Equal(nameof(DriftOptions.PValueThreshold), error.ParamName);
    }

    [Fact]
    public void ToJson_Report_IsCamelCaseWithEnumNames()
    {
        var reference = new DataFrame([new CategoricalColumn("city", ["a", "b", "a", "c"])]);
        var current = new DataFrame([new CategoricalColumn("city", ["a", "a", "b", null])]);

        var json = JsonNode.Parse(DataDriftDetector.Detect(reference, current).ToJson())!;

        var column = json["columns"]![0]!;
        Assert.Equal("city", (string)column["name"]!);
        Assert.Equal("categorical", (string)column["kind"]!);
        Assert.Equal("chiSquare", (string)column["method"]!);
        Assert.Equal(1, (int)column["currentMissing"]!);
        Assert.Equal("a", (string)column["histogram"]![0]!["label"]!);
        Assert.NotNull(json["datasetDrift"]);
        Assert.Equal(1, (int)json["columnCount"]!);
    }

    private static string JsonNamingPolicyCamel(DriftMethod method) =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(method.ToString());

    private static (DataFrame Reference, DataFrame Current) BuildFrames(JsonArray columns)
    {
        var referenceColumns = new List<DataColumn>();
        var currentColumns = new List<DataColumn>();
        foreach (var column in columns)
        {
            var name = (string)column!["name"]!;
            var kind = (string)column["kind"]!;
            referenceColumns.Add(BuildColumn(name, kind, column["referenceValues"], column["referenceSpec"]));
            currentColumns.Add(BuildColumn(name, kind, column["currentValues"], column["currentSpec"]));
        }

        return (new DataFrame(referenceColumns), new DataFrame(currentColumns));
    }

    private static DataColumn BuildColumn(string name, string kind, JsonNode? values, JsonNode? spec) => kind switch
    {
        "numeric" => new NumericColumn(name, values is not null ? ReferenceData.Numbers(values) : SampleGenerator.Generate(spec!)),
        "categorical" => new CategoricalColumn(name, values is not null ? [.. values.AsArray().Select(v => (string?)v)] : [.. SampleGenerator.GenerateLabels(spec!).Select(v => (string?)v)]),
        "boolean" => new BooleanColumn(name, [.. values!.AsArray().Select(v => v?.GetValue<bool>())]),
        _ => throw new InvalidOperationException($"Unknown kind {kind}."),
    };
}
