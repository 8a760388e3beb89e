using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Tests.Training;

public sealed class FeatureEncoderTests
{
    [Fact]
    public void Encode_NumericFirstThenOneHot_ImputesMissingWithTrainingMeans()
    {
        var training = new DataFrame(
        [
            new CategoricalColumn("color", ["red", "blue", "red", null]),
            new NumericColumn("size", [1, 3, double.NaN, 8]),
            new BooleanColumn("flag", [true, false, null, true]),
        ]);
        var encoder = FeatureEncoder.Fit(training, ["color", "size", "flag"]);

        var encoded = encoder.Encode(new DataFrame(
        [
            new CategoricalColumn("color", ["blue", "green", null]),
            new NumericColumn("size", [double.NaN, 2, 5]),
            new BooleanColumn("flag", [null, false, true]),
        ]));

        Assert.Equal(["size", "flag", "color=blue", "color=red"], encoder.EncodedNames);
        Assert.Equal([4, 2.0 / 3, 1, 0], encoded.Row(0).ToArray());
        Assert.Equal([2, 0, 0, 0], encoded.Row(1).ToArray());
        Assert.Equal([5, 1, 0, 0], encoded.Row(2).ToArray());
    }

    [Fact]
    public void Fit_ManyLevels_KeepsTheMostFrequent()
    {
        var labels = Enumerable.Range(0, 50).SelectMany(i => Enumerable.Repeat($"l{i:00}", i + 1)).ToArray<string?>();
        var encoder = FeatureEncoder.Fit(new DataFrame([new CategoricalColumn("c", labels)]), ["c"], maxLevels: 3);

        Assert.Equal(["l47", "l48", "l49"], encoder.Columns[0].Levels);
    }

    [Fact]
    public void Encode_WrongKind_NamesColumnAndKinds()
    {
        var encoder = FeatureEncoder.Fit(new DataFrame([new NumericColumn("size", [1, 2])]), ["size"]);

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(new DataFrame([new CategoricalColumn("size", ["big", "small"])])));

        Assert.StartsWith("Column 'size' holds categorical values; the model expects numeric values.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_MissingColumn_NamesIt()
    {
        var encoder = FeatureEncoder.Fit(new DataFrame([new NumericColumn("size", [1, 2])]), ["size"]);

        var error = Assert.Throws<ArgumentException>(() => encoder.Encode(new DataFrame([new NumericColumn("other", [1])])));

        Assert.StartsWith("The input has no column 'size', which the model needs.", error.Message, StringComparison.Ordinal);
    }
}
