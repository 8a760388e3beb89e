using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class DataFrameTests
{
    [Fact]
    public void Constructor_DuplicateName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataFrame(
        [
            new NumericColumn("x", [1, 2]),
            new NumericColumn("x", [3, 4]),
        ]));

        Assert.Contains("'x' appears more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnequalLengths_NamesBothColumns()
    {
        var error = Assert.Throws<ArgumentException>(() => new DataFrame(
        [
            new NumericColumn("x", [1, 2]),
            new CategoricalColumn("c", ["a"]),
        ]));

        Assert.Contains("'c' has 1 rows; column 'x' has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectRows_RepeatsAndReorders_EveryColumn()
    {
        var frame = new DataFrame(
        [
            new NumericColumn("x", [1, double.NaN, 3]),
            new CategoricalColumn("c", ["a", null, "c"]),
            new BooleanColumn("b", [true, false, null]),
        ]);

        var selected = frame.SelectRows([2, 0, 2, 1]);

        Assert.Equal(4, selected.RowCount);
        Assert.Equal(["3", "1", "3", null], Enumerable.Range(0, 4).Select(selected["x"].FormatValue));
        Assert.Equal(["c", "a", "c", null], Enumerable.Range(0, 4).Select(selected["c"].FormatValue));
        Assert.Equal([null, "true", null, "false"], Enumerable.Range(0, 4).Select(selected["b"].FormatValue));
        Assert.Equal(1, selected["x"].CountMissing());
    }

    [Fact]
    public void Indexer_UnknownColumn_ListsTheColumnsThereAre()
    {
        var frame = new DataFrame([new NumericColumn("a", [1]), new NumericColumn("b", [2])]);

        var error = Assert.Throws<KeyNotFoundException>(() => frame["z"]);

        Assert.Equal("The data has no column 'z'. Columns: a, b.", error.Message);
    }
}
