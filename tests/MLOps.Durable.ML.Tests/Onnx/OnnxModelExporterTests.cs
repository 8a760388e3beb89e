using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Onnx;
using MLOps.Durable.ML.Tests.Data;
using MLOps.Durable.ML.Tests.Training;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Tests.Onnx;

/// <summary>Every model type exported to ONNX scores the same through ONNX Runtime as in process.</summary>
public sealed class OnnxModelExporterTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Cases => [.. Models.Keys];

    private static readonly Dictionary<string, Func<(TrainedModel Model, DataFrame Rows)>> Models = new()
    {
        ["logistic-binary"] = () => Dataset("breast_cancer.csv", f => LogisticRegressionTrainer.Fit(f, "diagnosis")),
        ["logistic-multiclass"] = () => Dataset("iris.csv", f => LogisticRegressionTrainer.Fit(f, "species")),
        ["linear"] = () => Dataset("diabetes.csv", f => LinearRegressionTrainer.Fit(f, "progression")),
        ["gbdt-binary"] = () => Dataset("breast_cancer.csv", f => GradientBoostingTrainer.Fit(f, "diagnosis", new() { Trees = 100 })),
        ["gbdt-multiclass"] = () => Dataset("iris.csv", f => GradientBoostingTrainer.Fit(f, "species", new() { Trees = 50 })),
        ["gbdt-regression"] = () => Dataset("diabetes.csv", f => GradientBoostingTrainer.Fit(f, "progression", new() { Trees = 100 })),
        ["logistic-mixed-columns"] = () => Mixed(f => LogisticRegressionTrainer.Fit(f, "label")),
        ["gbdt-mixed-columns"] = () => Mixed(f => GradientBoostingTrainer.Fit(f, "label", new() { Trees = 60 })),
        ["linear-mixed-columns"] = () => Mixed(f => LinearRegressionTrainer.Fit(f.WithoutColumns("label"), "x0")),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predict_ThroughOnnxRuntime_MatchesInProcessWithin1e5(string name)
    {
        var (model, rows) = Models[name]();

        using var predictor = OnnxPredictor.Create(model);
        var expected = model.Predict(rows).Scores.ToArray();
        var actual = predictor.Predict(rows).Scores.ToArray();

        Assert.Equal(expected.Length, actual.Length);
        var worst = Enumerable.Range(0, expected.Length)
            .Select(i => (Index: i, Error: Math.Abs(expected[i] - actual[i]) / Math.Max(1, Math.Abs(expected[i]))))
            .MaxBy(p => p.Error);
        Assert.True(worst.Error <= Tolerance, $"{name}: score {worst.Index} in process {expected[worst.Index]}, ONNX Runtime {actual[worst.Index]}");
    }

    [PythonOnnxTheory]
    [MemberData(nameof(Cases))]
    public void Export_EveryModelType_PassesOnnxChecker(string name)
    {
        PythonOnnx.RequireAvailable();
        var (model, _) = Models[name]();

        var (exitCode, output) = PythonOnnx.RunOnModel(OnnxModelExporter.Export(model), OnnxGraphBuilderTests.CheckScript);

        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Export_Classifier_LabelOutputIsTheMostProbableClass()
    {
        var (model, rows) = Models["gbdt-multiclass"]();
        using var session = OnnxSession.FromBytes(OnnxModelExporter.Export(model));
        var numeric = OnnxModelExporter.NumericColumns(model.Encoder);
        var values = new float[rows.RowCount * numeric.Count];
        for (var row = 0; row < rows.RowCount; row++)
        {
            for (var j = 0; j < numeric.Count; j++)
            {
                values[(row * numeric.Count) + j] = (float)((NumericColumn)rows[numeric[j]])[row];
            }
        }

        var result = session.Run(new Dictionary<string, OnnxTensor>
        {
            [OnnxModelExporter.NumericInput] = OnnxTensor.FromFloats(values, rows.RowCount, numeric.Count),
        });

        var inProcess = model.Predict(rows);
        Assert.Equal(Enumerable.Range(0, rows.RowCount).Select(r => (long)inProcess.PredictedClass(r)), result[OnnxModelExporter.LabelOutput].AsInt64s().ToArray());
    }

    [Fact]
    public void Predict_MissingColumn_NamesIt()
    {
        var (model, rows) = Models["gbdt-mixed-columns"]();
        using var predictor = OnnxPredictor.Create(model);

        var error = Assert.Throws<ArgumentException>(() => predictor.Predict(rows.WithoutColumns("color")));

        Assert.StartsWith("The input has no column 'color', which the model needs.", error.Message, StringComparison.Ordinal);
    }

    private static (TrainedModel, DataFrame) Dataset(string file, Func<DataFrame, TrainedModel> fit)
    {
        var frame = CsvReader.ReadFile(SampleDatasets.PathOf(file));
        return (fit(frame), frame);
    }

    /// <summary>Numeric, boolean and categorical columns; scoring rows add missing values and an unseen category.</summary>
    private static (TrainedModel, DataFrame) Mixed(Func<DataFrame, TrainedModel> fit)
    {
        var training = SyntheticFrames.Binary(1_500);
        var flags = new BooleanColumn("flag", [.. Enumerable.Range(0, training.RowCount).Select(i => (bool?)(i % 3 == 0))]);
        training = training.WithColumn(flags);
        var model = fit(training);

        var rows = training.SelectRows([.. Enumerable.Range(0, 300)]);
        var x0 = ((NumericColumn)rows["x0"]).Values.ToArray();
        var color = Enumerable.Range(0, rows.RowCount).Select(r => ((CategoricalColumn)rows["color"])[r]).ToArray();
        var flag = Enumerable.Range(0, rows.RowCount).Select(r => ((BooleanColumn)rows["flag"])[r]).ToArray();
        for (var r = 0; r < rows.RowCount; r += 7)
        {
            x0[r] = double.NaN;
            color[r] = r % 2 == 0 ? null : "purple";
            flag[r] = null;
        }

        rows = rows.WithColumn(new NumericColumn("x0", x0)).WithColumn(new CategoricalColumn("color", color)).WithColumn(new BooleanColumn("flag", flag));
        return (model, rows);
    }
}
