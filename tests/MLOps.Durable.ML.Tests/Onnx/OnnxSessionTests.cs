using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

public sealed class OnnxSessionTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void Inputs_ScalerLinearRegressor_DescribeNamesTypesAndSymbolicBatch()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());

        var input = Assert.Single(session.Inputs);
        var output = Assert.Single(session.Outputs);
        Assert.Equal(("x", OnnxValueKind.Tensor, OnnxElementType.Float), (input.Name, input.Kind, input.ElementType));
        Assert.Equal([-1L, 2L], input.Shape);
        Assert.Equal(("y", OnnxElementType.Float), (output.Name, output.ElementType));
        Assert.StartsWith("1.", OnnxSession.RuntimeVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ScalerLinearRegressor_MatchesHandComputed()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());

        var y = Run(session, ("x", OnnxTensor.FromFloats([3, 4, 1, 2, 5, 0], 3, 2)))["y"];

        Assert.Equal([3L, 1L], y.Shape);
        AssertClose([-0.5f, 0.5f, 10.5f], y.AsFloats());
    }

    [Fact]
    public void Run_LinearClassifierBinaryLogistic_ReturnsSigmoidAndLabels()
    {
        using var session = OnnxSession.FromBytes(TestModels.LinearClassifierBinary());

        var result = Run(session, ("x", OnnxTensor.FromFloats([1, 1, 0, 2], 2, 2)));

        var p1 = Sigmoid(1.5f);
        var p2 = Sigmoid(-1.5f);
        Assert.Equal([1L, 0L], result["label"].AsInt64s());
        AssertClose([1 - p1, p1, 1 - p2, p2], result["probabilities"].AsFloats());
    }

    [Fact]
    public void Run_LinearClassifierMulticlassSoftmax_ReturnsSoftmaxAndLabels()
    {
        using var session = OnnxSession.FromBytes(TestModels.LinearClassifierMulticlass());

        var result = Run(session, ("x", OnnxTensor.FromFloats([2, 1, 0, 3, -1, -1], 3, 2)));

        Assert.Equal([10L, 20L, 30L], result["label"].AsInt64s());
        AssertClose([.. Softmax(2, 1, -2.5f), .. Softmax(0, 3, -2.5f), .. Softmax(-1, -1, 2.5f)], result["probabilities"].AsFloats());
    }

    [Fact]
    public void Run_LinearClassifierStringLabels_ReturnsStringTensor()
    {
        using var session = OnnxSession.FromBytes(TestModels.LinearClassifierStringLabels());

        var label = Run(session, ("x", OnnxTensor.FromFloats([2, -1, 0.5f], 3, 1)))["label"];

        Assert.Equal(OnnxElementType.String, label.ElementType);
        Assert.Equal(["yes", "no", "yes"], label.AsStrings());
    }

    [Fact]
    public void Run_TreeEnsembleRegressor_SumsLeavesAndBase()
    {
        using var session = OnnxSession.FromBytes(TestModels.TreeEnsembleRegressor());

        var y = Run(session, ("x", OnnxTensor.FromFloats([0, 5, 1, 1, 0.5f, 3], 3, 2)))["y"];

        AssertClose([1.5f + 0.75f + 0.1f, -2f + 0.25f + 0.1f, 1.5f + 0.25f + 0.1f], y.AsFloats());
    }

    [Fact]
    public void Run_TreeEnsembleClassifierBinary_ReturnsComplementAndLabel()
    {
        using var session = OnnxSession.FromBytes(TestModels.TreeEnsembleClassifierBinary());

        var result = Run(session, ("x", OnnxTensor.FromFloats([0, 9, 1, 9], 2, 2)));

        Assert.Equal([0L, 1L], result["label"].AsInt64s());
        AssertClose([0.8f, 0.2f, 0.1f, 0.9f], result["probabilities"].AsFloats());
    }

    [Fact]
    public void Run_TreeEnsembleClassifierMulticlass_ReturnsLeafVotesAndZipMap()
    {
        using var session = OnnxSession.FromBytes(TestModels.TreeEnsembleClassifierMulticlass());

        var result = Run(session, ("x", OnnxTensor.FromFloats([0, -1, 0, 2], 2, 2)));

        Assert.Equal([5L, 7L], result["label"].AsInt64s());
        AssertClose([0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f], result["probabilities"].AsFloats());
        var maps = result.MapSequences["probability_map"];
        Assert.Equal(2, maps.Count);
        Assert.Equal([5L, 6L, 7L], maps[1].Keys.AsInt64s());
        AssertClose([0.1f, 0.3f, 0.6f], maps[1].Values.AsFloats());
    }

    [Fact]
    public void Run_SubsetOfOutputs_SkipsZipMap()
    {
        using var session = OnnxSession.FromBytes(TestModels.TreeEnsembleClassifierMulticlass());

        var result = session.Run(
            new Dictionary<string, OnnxTensor> { ["x"] = OnnxTensor.FromFloats([0, -1], 1, 2) },
            ["label"]);

        Assert.Equal(["label"], result.Tensors.Keys);
        Assert.Empty(result.MapSequences);
        Assert.Equal([5L], result["label"].AsInt64s());
    }

    [Fact]
    public void Run_Imputer_ReplacesNaNPerColumn()
    {
        using var session = OnnxSession.FromBytes(TestModels.Imputer());

        var y = Run(session, ("x", OnnxTensor.FromFloats([float.NaN, 5, float.NaN, 4, float.NaN, 6], 2, 3)))["y"];

        Assert.Equal([1f, 5f, 3f, 4f, 2f, 6f], y.AsFloats());
    }

    [Fact]
    public void Run_OneHotConcat_EncodesStringsAndEchoesUtf8()
    {
        using var session = OnnxSession.FromBytes(TestModels.OneHotConcat());

        var result = Run(
            session,
            ("num", OnnxTensor.FromFloats([1, 2, 3, 4, 5, 6], 3, 2)),
            ("color", OnnxTensor.FromStrings(["green", "blue", "grün"], 3, 1)));

        Assert.Equal([3L, 5L], result["features"].Shape);
        Assert.Equal([1f, 2f, 0f, 1f, 0f, 3f, 4f, 0f, 0f, 1f, 5f, 6f, 0f, 0f, 0f], result["features"].AsFloats());
        Assert.Equal(["green", "blue", "grün"], result["color_echo"].AsStrings());
    }

    [Fact]
    public void Run_Pipeline_ImputesScalesEncodesAndClassifies()
    {
        using var session = OnnxSession.FromBytes(TestModels.Pipeline());

        var result = Run(
            session,
            ("numeric", OnnxTensor.FromFloats([float.NaN, 3, 3, 1], 2, 2)),
            ("segment", OnnxTensor.FromStrings(["a", "b"], 2, 1)));

        // Row 0: imputed (0, 3), scaled (-1, 2), one-hot (1, 0): score -1 - 2 + 2 = -1. Row 1: (2, 0, 0, 1): score 2.
        Assert.Equal([0L, 1L], result["label"].AsInt64s());
        AssertClose([1 - Sigmoid(-1), Sigmoid(-1), 1 - Sigmoid(2), Sigmoid(2)], result["probabilities"].AsFloats());
        AssertClose([Sigmoid(2)], [result.MapSequences["probability_map"][1].Values.AsFloats()[1]]);
    }

    [Fact]
    public void Run_DoubleTensorAndInitializer_AddsBias()
    {
        using var session = OnnxSession.FromBytes(TestModels.DoubleIdentity());

        var y = Run(session, ("x", OnnxTensor.FromDoubles([1, 2, -1, 0], 2, 2)))["y"];

        Assert.Equal([1.25, 1.5, -0.75, -0.5], y.AsDoubles());
    }

    [Fact]
    public void Run_BatchOfTenThousandRows_OneRunMatchesRowByRow()
    {
        using var session = OnnxSession.FromBytes(TestModels.ScalerLinearRegressor());
        var random = new Random(42);
        const int rows = 10_000;
        var x = new float[rows * 2];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 20) - 10);
        }

        var y = Run(session, ("x", OnnxTensor.FromFloats(x, rows, 2)))["y"].AsFloats();

        Assert.Equal(rows, y.Length);
        for (var row = 0; row < rows; row++)
        {
            var expected = (3 * (x[2 * row] - 1) * 0.5f) - ((x[(2 * row) + 1] - 2) * 2) + 0.5f;
            Assert.True(Math.Abs(expected - y[row]) < 1e-3f, $"row {row}: expected {expected}, got {y[row]}");
        }
    }

    [Fact]
    public void FromFile_WrittenModel_Scores()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlops-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, TestModels.Imputer());
        try
        {
            using var session = OnnxSession.FromFile(path);

            var y = Run(session, ("x", OnnxTensor.FromFloats([float.NaN, float.NaN, float.NaN], 1, 3)))["y"];

            Assert.Equal([1f, 2f, 3f], y.AsFloats());
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static OnnxRunResult Run(OnnxSession session, params (string Name, OnnxTensor Value)[] inputs) =>
        session.Run(inputs.ToDictionary(i => i.Name, i => i.Value));

    private static float Sigmoid(float x) => 1 / (1 + MathF.Exp(-x));

    private static float[] Softmax(params float[] scores)
    {
        var exp = scores.Select(s => MathF.Exp(s - scores.Max())).ToArray();
        return [.. exp.Select(e => e / exp.Sum())];
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < Tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
