using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class DataSplitterTests
{
    // 60 / 30 / 10 rows of classes a, b, c, interleaved.
    private static readonly string?[] Labels =
        [.. Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? "c" : i % 10 < 4 ? "b" : "a")];

    [Fact]
    public void TrainTest_SameSeed_SameSplitAndDifferentSeedDiffers()
    {
        var first = DataSplitter.TrainTest(100, 0.25, seed: 7);
        var again = DataSplitter.TrainTest(100, 0.25, seed: 7);
        var other = DataSplitter.TrainTest(100, 0.25, seed: 8);

        Assert.Equal(first.TestRows.ToArray(), again.TestRows.ToArray());
        Assert.NotEqual(first.TestRows.ToArray(), other.TestRows.ToArray());
    }

    [Theory]
    [InlineData(100, 0.25, 25)]
    [InlineData(10, 0.01, 1)]
    [InlineData(10, 0.99, 9)]
    [InlineData(7, 0.5, 4)]
    public void TrainTest_Rows_PartitionWithCeilingTestSize(int rows, double fraction, int expectedTest)
    {
        var split = DataSplitter.TrainTest(rows, fraction, seed: 1);

        Assert.Equal(expectedTest, split.TestRows.Length);
        Assert.Equal(Enumerable.Range(0, rows), split.TrainRows.Concat(split.TestRows).Order());
        Assert.Equal(split.TestRows.Order(), split.TestRows);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.33)]
    [InlineData(0.07)]
    public void StratifiedTrainTest_EachClassShare_WithinOneRow(double fraction)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var split = DataSplitter.StratifiedTrainTest(Labels, fraction, seed);

            var testCount = split.TestRows.Length;
            foreach (var label in new[] { "a", "b", "c" })
            {
                var total = Labels.Count(l => l == label);
                var inTest = split.TestRows.Count(row => Labels[row] == label);
                Assert.True(Math.Abs(inTest - ((double)total * testCount / Labels.Length)) < 1, $"seed {seed}, class {label}: {inTest} of {testCount}");
            }

            Assert.Equal(Enumerable.Range(0, 100), split.TrainRows.Concat(split.TestRows).Order());
        }
    }

    [Fact]
    public void TrainTest_StratifyByColumn_SplitsFrames()
    {
        var frame = new DataFrame([new NumericColumn("x", [.. Enumerable.Range(0, 100).Select(i => (double)i)]), new CategoricalColumn("y", Labels)]);

        var split = DataSplitter.TrainTest(frame, 0.2, seed: 3, stratifyBy: "y");

        Assert.Equal(80, split.Train(frame).RowCount);
        var test = split.Test(frame);
        Assert.Equal([12, 6, 2], new[] { "a", "b", "c" }.Select(l => Enumerable.Range(0, test.RowCount).Count(r => test["y"].FormatValue(r) == l)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void KFold_EveryRowInExactlyOneTestFold(bool stratified)
    {
        var folds = stratified ? DataSplitter.StratifiedKFold(Labels, 3, seed: 5) : DataSplitter.KFold(100, 3, seed: 5);

        Assert.Equal(Enumerable.Range(0, 100), folds.SelectMany(f => f.TestRows).Order());
        Assert.All(folds, f => Assert.Empty(f.TrainRows.Intersect(f.TestRows)));
        Assert.All(folds, f => Assert.Equal(100, f.TrainRows.Length + f.TestRows.Length));
        Assert.All(folds, f => Assert.InRange(f.TestRows.Length, 33, 34));
    }

    [Fact]
    public void StratifiedKFold_EachClassPerFold_WithinOneRowOfItsShare()
    {
        var folds = DataSplitter.StratifiedKFold(Labels, 4, seed: 11);

        foreach (var fold in folds)
        {
            foreach (var label in new[] { "a", "b", "c" })
            {
                var total = Labels.Count(l => l == label);
                var inFold = fold.TestRows.Count(row => Labels[row] == label);
                Assert.True(Math.Abs(inFold - ((double)total * fold.TestRows.Length / Labels.Length)) < 1, $"fold {fold.Index}, class {label}: {inFold}");
            }
        }
    }

    [Fact]
    public void KFold_SameSeed_SameFolds()
    {
        var first = DataSplitter.StratifiedKFold(Labels, 5, seed: 2);
        var again = DataSplitter.StratifiedKFold(Labels, 5, seed: 2);

        Assert.Equal(first.Select(f => f.TestRows.ToArray()), again.Select(f => f.TestRows.ToArray()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    public void KFold_BadFoldCount_NamesValueAndRange(int folds)
    {
        var error = Assert.Throws<ArgumentException>(() => DataSplitter.KFold(100, folds));

        Assert.StartsWith($"folds: {folds}; expected from 2 to the number of rows (100).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void TrainTest_BadFraction_NamesValue(double fraction)
    {
        var error = Assert.Throws<ArgumentException>(() => DataSplitter.TrainTest(10, fraction));

        Assert.StartsWith("testFraction: ", error.Message, StringComparison.Ordinal);
    }
}
