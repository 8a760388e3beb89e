using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class DataProfileTests
{
    // The column of Reference/profile_reference.py; expected numbers printed by numpy 1.24.
    private static readonly double[] Reference = [3.5, -1.25, 7, 0, 2.75, 10, 4.5, double.NaN, 1, 8.25, 6, 1, 10];

    [Fact]
    public void Create_ReferenceColumn_MatchesNumpy()
    {
        var frame = new DataFrame([new NumericColumn("x", Reference)]);

        var profile = DataProfile.Create(frame)["x"];

        Assert.Equal((12, 1, 10), (profile.Count, profile.Missing, profile.Distinct));
        var numeric = profile.Numeric!;
        Assert.Equal(-1.25, numeric.Min);
        Assert.Equal(10, numeric.Max);
        Assert.Equal(4.395833333333333, numeric.Mean, 12);
        Assert.Equal(3.870721000098827, numeric.StandardDeviation!.Value, 12);
        Assert.Equal(-0.5625, numeric.P5, 12);
        Assert.Equal(1.0, numeric.P25, 12);
        Assert.Equal(4.0, numeric.P50, 12);
        Assert.Equal(7.3125, numeric.P75, 12);
        Assert.Equal(10.0, numeric.P95, 12);
        double[] edges = [-1.25, -0.125, 1.0, 2.125, 3.25, 4.375, 5.5, 6.625, 7.75, 8.875, 10.0];
        Assert.Equal(edges, numeric.Histogram.Edges.Select(e => Math.Round(e, 12)));
        Assert.Equal([1, 1, 2, 1, 1, 1, 1, 1, 1, 2], numeric.Histogram.Counts);
        Assert.Empty(profile.TopCategories);
    }

    [Fact]
    public void Quantile_TwoValues_InterpolatesLinearly()
    {
        Assert.Equal(2.5, NumericSummary.Quantile([0, 10], 0.25));
    }

    [Fact]
    public void Create_SingleValue_HasNoStandardDeviationAndUnitWideHistogram()
    {
        var numeric = DataProfile.Create(new DataFrame([new NumericColumn("x", [4, 4])]))["x"].Numeric!;

        Assert.Equal(0, numeric.StandardDeviation);
        Assert.Equal(3.5, numeric.Histogram.Edges[0]);
        Assert.Equal(4.5, numeric.Histogram.Edges[^1]);
        Assert.Equal(2, numeric.Histogram.Counts.Sum());
        Assert.Null(DataProfile.Create(new DataFrame([new NumericColumn("x", [4])]))["x"].Numeric!.StandardDeviation);
    }

    [Fact]
    public void Create_Categorical_TopCategoriesByCountThenOrdinalValue()
    {
        var frame = new DataFrame([new CategoricalColumn("c", ["b", "a", "B", "b", null, "a", "c"])]);

        var profile = DataProfile.Create(frame, new ProfileOptions { TopCategories = 3 })["c"];

        Assert.Equal((6, 1, 4), (profile.Count, profile.Missing, profile.Distinct));
        Assert.Equal([new CategoryCount("a", 2), new CategoryCount("b", 2), new CategoryCount("B", 1)], profile.TopCategories);
        Assert.Null(profile.Numeric);
    }

    [Fact]
    public void ToJson_SameFrame_ByteIdenticalAndInvariant()
    {
        DataFrame Build() => new([
            new NumericColumn("x", Reference),
            new CategoricalColumn("c", ["b", "a", "b", null, "a", "c", "x", "y", "z", "b", "a", "c", "d"]),
            new BooleanColumn("f", [true, false, true, null, true, true, false, true, true, true, false, true, null]),
        ]);

        var first = DataProfile.Create(Build()).ToJson();
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        string second;
        try
        {
            second = DataProfile.Create(Build()).ToJson();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(first, second);
        Assert.Contains("\"mean\": 4.395833333333333,", first, StringComparison.Ordinal);
        Assert.Contains("\"p5\": -0.5625,", first, StringComparison.Ordinal);
        Assert.Contains("{\n          \"value\": \"true\",\n          \"count\": 8\n        }", first, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_InfiniteValue_WritesNullStatisticsAndFiniteHistogram()
    {
        var frame = new DataFrame([new NumericColumn("x", [1, 2, double.PositiveInfinity])]);

        var json = DataProfile.Create(frame).ToJson();

        Assert.Contains("\"max\": null,", json, StringComparison.Ordinal);
        Assert.Equal(2, DataProfile.Create(frame)["x"].Numeric!.Histogram.Counts.Sum());
    }
}
