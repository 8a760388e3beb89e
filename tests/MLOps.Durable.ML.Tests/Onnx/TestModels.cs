using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.ML.Tests.Onnx;

/// <summary>
/// Small models written with <see cref="OnnxGraphBuilder"/>, each with hand-computable outputs. Every model
/// here is also validated by onnx.checker (see OnnxGraphBuilderTests).
/// </summary>
internal static class TestModels
{
    public static readonly IReadOnlyDictionary<string, Func<byte[]>> All = new Dictionary<string, Func<byte[]>>
    {
        [nameof(ScalerLinearRegressor)] = ScalerLinearRegressor,
        [nameof(LinearClassifierBinary)] = LinearClassifierBinary,
        [nameof(LinearClassifierMulticlass)] = LinearClassifierMulticlass,
        [nameof(LinearClassifierStringLabels)] = LinearClassifierStringLabels,
        [nameof(TreeEnsembleRegressor)] = TreeEnsembleRegressor,
        [nameof(TreeEnsembleClassifierBinary)] = TreeEnsembleClassifierBinary,
        [nameof(TreeEnsembleClassifierMulticlass)] = TreeEnsembleClassifierMulticlass,
        [nameof(Imputer)] = Imputer,
        [nameof(OneHotConcat)] = OneHotConcat,
        [nameof(Pipeline)] = Pipeline,
        [nameof(DoubleIdentity)] = DoubleIdentity,
    };

    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>y = 3 * (x0 - 1) * 0.5 - 1 * (x1 - 2) * 2 + 0.5.</summary>
    public static byte[] ScalerLinearRegressor() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 2)
        .AddNode("Scaler", ["x"], ["scaled"], [OnnxAttribute.Floats("offset", [1, 2]), OnnxAttribute.Floats("scale", [0.5f, 2])], OnnxDomains.Ml)
        .AddNode("LinearRegressor", ["scaled"], ["y"], [OnnxAttribute.Floats("coefficients", [3, -1]), OnnxAttribute.Floats("intercepts", [0.5f])], OnnxDomains.Ml)
        .AddOutput("y", OnnxElementType.Float, "N", 1)
        .Build();

    /// <summary>One weight row, labels {0, 1}, LOGISTIC: p1 = sigmoid(2 x0 - x1 + 0.5).</summary>
    public static byte[] LinearClassifierBinary() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 2)
        .AddNode(
            "LinearClassifier",
            ["x"],
            ["label", "probabilities"],
            [
                OnnxAttribute.Floats("coefficients", [2, -1]),
                OnnxAttribute.Floats("intercepts", [0.5f]),
                OnnxAttribute.Ints("classlabels_ints", [0, 1]),
                OnnxAttribute.String("post_transform", "LOGISTIC"),
            ],
            OnnxDomains.Ml)
        .AddOutput("label", OnnxElementType.Int64, "N")
        .AddOutput("probabilities", OnnxElementType.Float, "N", 2)
        .Build();

    /// <summary>Scores (x0, x1, -x0 - x1 + 0.5) for labels 10, 20, 30, SOFTMAX.</summary>
    public static byte[] LinearClassifierMulticlass() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 2)
        .AddNode(
            "LinearClassifier",
            ["x"],
            ["label", "probabilities"],
            [
                OnnxAttribute.Floats("coefficients", [1, 0, 0, 1, -1, -1]),
                OnnxAttribute.Floats("intercepts", [0, 0, 0.5f]),
                OnnxAttribute.Ints("classlabels_ints", [10, 20, 30]),
                OnnxAttribute.Int("multi_class", 0),
                OnnxAttribute.String("post_transform", "SOFTMAX"),
            ],
            OnnxDomains.Ml)
        .AddOutput("label", OnnxElementType.Int64, "N")
        .AddOutput("probabilities", OnnxElementType.Float, "N", 3)
        .Build();

    /// <summary>Binary classifier with string labels "no"/"yes": exercises string outputs.</summary>
    public static byte[] LinearClassifierStringLabels() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 1)
        .AddNode(
            "LinearClassifier",
            ["x"],
            ["label", "probabilities"],
            [
                OnnxAttribute.Floats("coefficients", [1]),
                OnnxAttribute.Floats("intercepts", [0]),
                OnnxAttribute.Strings("classlabels_strings", ["no", "yes"]),
                OnnxAttribute.String("post_transform", "LOGISTIC"),
            ],
            OnnxDomains.Ml)
        .AddOutput("label", OnnxElementType.String, "N")
        .AddOutput("probabilities", OnnxElementType.Float, "N", 2)
        .Build();

    /// <summary>
    /// Sum of two stumps plus 0.1: tree 0 gives 1.5 if x0 &lt;= 0.5 else -2; tree 1 gives 0.25 if x1 &lt;= 3 else 0.75.
    /// </summary>
    public static byte[] TreeEnsembleRegressor() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 2)
        .AddNode(
            "TreeEnsembleRegressor",
            ["x"],
            ["y"],
            [
                .. Stumps(features: [0, 1], thresholds: [0.5f, 3]),
                OnnxAttribute.Ints("target_treeids", [0, 0, 1, 1]),
                OnnxAttribute.Ints("target_nodeids", [1, 2, 1, 2]),
                OnnxAttribute.Ints("target_ids", [0, 0, 0, 0]),
                OnnxAttribute.Floats("target_weights", [1.5f, -2, 0.25f, 0.75f]),
                OnnxAttribute.Int("n_targets", 1),
                OnnxAttribute.String("aggregate_function", "SUM"),
                OnnxAttribute.Floats("base_values", [0.1f]),
            ],
            OnnxDomains.Ml)
        .AddOutput("y", OnnxElementType.Float, "N", 1)
        .Build();

    /// <summary>
    /// One stump on x0 (threshold 0.5) with P(class 1) = 0.2 left, 0.9 right, written as weights for class
    /// id 0 only: ORT's binary case, probabilities [1 - p, p].
    /// </summary>
    public static byte[] TreeEnsembleClassifierBinary() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 2)
        .AddNode(
            "TreeEnsembleClassifier",
            ["x"],
            ["label", "probabilities"],
            [
                .. Stumps(features: [0], thresholds: [0.5f]),
                OnnxAttribute.Ints("class_treeids", [0, 0]),
                OnnxAttribute.Ints("class_nodeids", [1, 2]),
                OnnxAttribute.Ints("class_ids", [0, 0]),
                OnnxAttribute.Floats("class_weights", [0.2f, 0.9f]),
                OnnxAttribute.Ints("classlabels_int64s", [0, 1]),
                OnnxAttribute.String("post_transform", "NONE"),
            ],
            OnnxDomains.Ml)
        .AddOutput("label", OnnxElementType.Int64, "N")
        .AddOutput("probabilities", OnnxElementType.Float, "N", 2)
        .Build();

    /// <summary>
    /// One stump on x1 (threshold 0): left leaf votes (0.7, 0.2, 0.1), right (0.1, 0.3, 0.6) for labels
    /// 5, 6, 7; ZipMap adds a per-row map output.
    /// </summary>
    public static byte[] TreeEnsembleClassifierMulticlass() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 2)
        .AddNode(
            "TreeEnsembleClassifier",
            ["x"],
            ["label", "probabilities"],
            [
                .. Stumps(features: [1], thresholds: [0]),
                OnnxAttribute.Ints("class_treeids", [0, 0, 0, 0, 0, 0]),
                OnnxAttribute.Ints("class_nodeids", [1, 1, 1, 2, 2, 2]),
                OnnxAttribute.Ints("class_ids", [0, 1, 2, 0, 1, 2]),
                OnnxAttribute.Floats("class_weights", [0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f]),
                OnnxAttribute.Ints("classlabels_int64s", [5, 6, 7]),
                OnnxAttribute.String("post_transform", "NONE"),
            ],
            OnnxDomains.Ml)
        .AddNode("ZipMap", ["probabilities"], ["probability_map"], [OnnxAttribute.Ints("classlabels_int64s", [5, 6, 7])], OnnxDomains.Ml)
        .AddOutput("label", OnnxElementType.Int64, "N")
        .AddOutput("probabilities", OnnxElementType.Float, "N", 3)
        .AddMapSequenceOutput("probability_map", OnnxElementType.Int64)
        .Build();

    /// <summary>NaN in column j becomes 1, 2 or 3.</summary>
    public static byte[] Imputer() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Float, "N", 3)
        .AddNode(
            "Imputer",
            ["x"],
            ["y"],
            [OnnxAttribute.Floats("imputed_value_floats", [1, 2, 3]), OnnxAttribute.Float("replaced_value_float", float.NaN)],
            OnnxDomains.Ml)
        .AddOutput("y", OnnxElementType.Float, "N", 3)
        .Build();

    /// <summary>
    /// [num0, num1, red, green, blue]: a string column one-hot encoded ([N,1] to [N,1,3], reshaped by an int64
    /// initializer to [N,3]) and concatenated after two numeric columns; also echoes the strings back.
    /// </summary>
    public static byte[] OneHotConcat() => new OnnxGraphBuilder()
        .AddInput("num", OnnxElementType.Float, "N", 2)
        .AddInput("color", OnnxElementType.String, "N", 1)
        .AddInitializer("onehot_shape", OnnxTensor.FromInt64s([-1, 3], 2))
        .AddNode("OneHotEncoder", ["color"], ["color_onehot3d"], [OnnxAttribute.Strings("cats_strings", ["red", "green", "blue"]), OnnxAttribute.Int("zeros", 1)], OnnxDomains.Ml)
        .AddNode("Reshape", ["color_onehot3d", "onehot_shape"], ["color_onehot"])
        .AddNode("Concat", ["num", "color_onehot"], ["features"], [OnnxAttribute.Int("axis", 1)])
        .AddNode("Identity", ["color"], ["color_echo"])
        .AddOutput("features", OnnxElementType.Float, "N", 5)
        .AddOutput("color_echo", OnnxElementType.String, "N", 1)
        .Build();

    /// <summary>
    /// The export shape: Imputer (NaN to 0) then Scaler on two numbers, one-hot of a string, Concat, a
    /// LOGISTIC LinearClassifier over [n0, n1, a, b] with weights (1, -1, 2, 0) and ZipMap; metadata names the features.
    /// </summary>
    public static byte[] Pipeline()
    {
        var builder = new OnnxGraphBuilder("churn")
        {
            DocString = "Test pipeline: imputer, scaler, one-hot, concat, linear classifier, zipmap.",
            ModelVersion = 3,
            ProducerVersion = "0.1.0",
        };
        return builder
            .AddMetadata("feature_names", "n0,n1,segment")
            .AddMetadata("target", "churned")
            .AddInput("numeric", OnnxElementType.Float, "N", 2)
            .AddInput("segment", OnnxElementType.String, "N", 1)
            .AddInitializer("onehot_shape", OnnxTensor.FromInt64s([-1, 2], 2))
            .AddNode("Imputer", ["numeric"], ["imputed"], [OnnxAttribute.Floats("imputed_value_floats", [0, 0]), OnnxAttribute.Float("replaced_value_float", float.NaN)], OnnxDomains.Ml)
            .AddNode("Scaler", ["imputed"], ["scaled"], [OnnxAttribute.Floats("offset", [1, 1]), OnnxAttribute.Floats("scale", [1, 1])], OnnxDomains.Ml)
            .AddNode("OneHotEncoder", ["segment"], ["segment3d"], [OnnxAttribute.Strings("cats_strings", ["a", "b"]), OnnxAttribute.Int("zeros", 1)], OnnxDomains.Ml)
            .AddNode("Reshape", ["segment3d", "onehot_shape"], ["segment2d"])
            .AddNode("Concat", ["scaled", "segment2d"], ["features"], [OnnxAttribute.Int("axis", 1)])
            .AddNode(
                "LinearClassifier",
                ["features"],
                ["label", "probabilities"],
                [
                    OnnxAttribute.Floats("coefficients", [1, -1, 2, 0]),
                    OnnxAttribute.Floats("intercepts", [0]),
                    OnnxAttribute.Ints("classlabels_ints", [0, 1]),
                    OnnxAttribute.String("post_transform", "LOGISTIC"),
                ],
                OnnxDomains.Ml)
            .AddNode("ZipMap", ["probabilities"], ["probability_map"], [OnnxAttribute.Ints("classlabels_int64s", [0, 1])], OnnxDomains.Ml)
            .AddOutput("label", OnnxElementType.Int64, "N")
            .AddOutput("probabilities", OnnxElementType.Float, "N", 2)
            .AddMapSequenceOutput("probability_map", OnnxElementType.Int64)
            .Build();
    }

    /// <summary>y = x + bias for a double tensor and a double initializer bias = [0.25, -0.5] (Add, default domain).</summary>
    public static byte[] DoubleIdentity() => new OnnxGraphBuilder()
        .AddInput("x", OnnxElementType.Double, "N", 2)
        .AddInitializer("bias", OnnxTensor.FromDoubles([0.25, -0.5], 2))
        .AddNode("Add", ["x", "bias"], ["y"])
        .AddOutput("y", OnnxElementType.Double, "N", 2)
        .Build();

    /// <summary>Stumps (one split, two leaves; node 0 splits, node 1 is the true leaf, node 2 the false one), one tree per feature.</summary>
    private static OnnxAttribute[] Stumps(long[] features, float[] thresholds)
    {
        var trees = Enumerable.Range(0, features.Length).ToArray();
        return
        [
            OnnxAttribute.Ints("nodes_treeids", trees.SelectMany(t => new long[] { t, t, t })),
            OnnxAttribute.Ints("nodes_nodeids", trees.SelectMany(_ => new long[] { 0, 1, 2 })),
            OnnxAttribute.Ints("nodes_featureids", trees.SelectMany(t => new[] { features[t], 0, 0 })),
            OnnxAttribute.Floats("nodes_values", trees.SelectMany(t => new[] { thresholds[t], 0, 0 })),
            OnnxAttribute.Strings("nodes_modes", trees.SelectMany(_ => new[] { "BRANCH_LEQ", "LEAF", "LEAF" })),
            OnnxAttribute.Ints("nodes_truenodeids", trees.SelectMany(_ => new long[] { 1, 0, 0 })),
            OnnxAttribute.Ints("nodes_falsenodeids", trees.SelectMany(_ => new long[] { 2, 0, 0 })),
        ];
    }
}
