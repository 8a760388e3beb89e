using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Data;

public sealed class SampleDatasetsTests
{
    [Theory]
    [InlineData("iris.csv", 150, 5, "species", TaskKind.MulticlassClassification)]
    [InlineData("breast_cancer.csv", 569, 31, "diagnosis", TaskKind.BinaryClassification)]
    [InlineData("diabetes.csv", 442, 11, "progression", TaskKind.Regression)]
    public void ReadFile_SampleDataset_HasDocumentedShapeAndKinds(string file, int rows, int columns, string target, TaskKind task)
    {
        var frame = CsvReader.ReadFile(SampleDatasets.PathOf(file));
        var schema = DatasetSchema.Infer(frame, target);

        Assert.Equal((rows, columns), (frame.RowCount, frame.Columns.Count));
        Assert.Equal(task, schema.Task);
        Assert.All(frame.Columns.Where(c => c.Name != target), c => Assert.Equal(ColumnKind.Numeric, c.Kind));
        Assert.Equal(task == TaskKind.Regression ? ColumnKind.Numeric : ColumnKind.Categorical, frame[target].Kind);
        Assert.All(frame.Columns, c => Assert.Equal(0, c.CountMissing()));
    }

    [Fact]
    public void Iris_ClassesAndValidation_MatchTheReadme()
    {
        var frame = CsvReader.ReadFile(SampleDatasets.PathOf("iris.csv"));
        var schema = DatasetSchema.Infer(frame, "species");

        var profile = DataProfile.Create(frame);
        var report = DatasetValidator.Validate(frame, schema);

        Assert.Equal(
            [new CategoryCount("setosa", 50), new CategoryCount("versicolor", 50), new CategoryCount("virginica", 50)],
            profile["species"].TopCategories);
        Assert.True(report.IsValid, report.ToText());
    }

    [Fact]
    public void BreastCancer_StratifiedFiveFold_KeepsClassShares()
    {
        var frame = CsvReader.ReadFile(SampleDatasets.PathOf("breast_cancer.csv"));

        var folds = DataSplitter.KFold(frame, 5, seed: 0, stratifyBy: "diagnosis");

        foreach (var fold in folds)
        {
            var malignant = fold.Test(frame)["diagnosis"] is CategoricalColumn labels ? labels.Values.ToArray().Count(v => v == "malignant") : -1;
            Assert.InRange(malignant, 42, 43);
        }
    }
}
