using System.Globalization;
using System.Text.Json;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;
using MLOps.Durable.ML.Training.Gbdt;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Writes a trained model, preprocessing included, as an ONNX graph of ai.onnx.ml operators:
/// numeric and boolean columns arrive as one float tensor <c>[N, k]</c> (<see cref="NumericInput"/>) and go
/// through Imputer (and Scaler for linear models); each categorical column arrives as a string tensor
/// <c>[N, 1]</c> named after the column and goes through OneHotEncoder + Reshape; Concat joins them in the
/// encoder's order; LinearClassifier / LinearRegressor / TreeEnsembleClassifier / TreeEnsembleRegressor
/// score. Outputs: <c>label</c> (int64 class index) and <c>probabilities</c> [N, classes] for classifiers,
/// <c>variable</c> [N, 1] for regressors.
/// </summary>
public static class OnnxModelExporter
{
    /// <summary>The float input holding the numeric and boolean columns, in <see cref="FeatureEncoder.Columns"/> order.</summary>
    public const string NumericInput = "numeric_features";

    /// <summary>The classifier output with one probability per class.</summary>
    public const string ProbabilitiesOutput = "probabilities";

    /// <summary>The classifier output with the predicted class index.</summary>
    public const string LabelOutput = "label";

    /// <summary>The regressor output.</summary>
    public const string ValueOutput = "variable";

    /// <summary>The model as ONNX bytes.</summary>
    /// <exception cref="NotSupportedException">A model type without an ONNX mapping.</exception>
    public static byte[] Export(TrainedModel model, string? modelName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var builder = new OnnxGraphBuilder(modelName ?? model.Target)
        {
            DocString = $"{model.GetType().Name} predicting '{model.Target}' ({model.Task}), exported by MLOps.Durable.",
        };
        var encoder = model.Encoder;
        builder.AddMetadata("target", model.Target)
            .AddMetadata("task", model.Task.ToString())
            .AddMetadata("classes", JsonSerializer.Serialize(model.Classes))
            .AddMetadata("numeric_columns", JsonSerializer.Serialize(NumericColumns(encoder)))
            .AddMetadata("categorical_columns", JsonSerializer.Serialize(CategoricalInputs(encoder).Select(c => c.Name)));

        var features = AddPreprocessing(builder, model, encoder);
        switch (model)
        {
            case LogisticRegressionModel logistic:
                AddLinearClassifier(builder, features, logistic);
                break;
            case LinearRegressionModel linear:
                builder.AddNode(
                    "LinearRegressor",
                    [features],
                    [ValueOutput],
                    [OnnxAttribute.Floats("coefficients", linear.Weights.Select(w => (float)w)), OnnxAttribute.Floats("intercepts", [(float)linear.Intercept])],
                    OnnxDomains.Ml);
                break;
            case GradientBoostedTreesModel trees:
                AddTreeEnsemble(builder, features, trees);
                break;
            default:
                throw new NotSupportedException($"{model.GetType().Name} has no ONNX export.");
        }

        if (model.Task == TaskKind.Regression)
        {
            builder.AddOutput(ValueOutput, OnnxElementType.Float, "N", 1);
        }
        else
        {
            builder.AddOutput(LabelOutput, OnnxElementType.Int64, "N");
            builder.AddOutput(ProbabilitiesOutput, OnnxElementType.Float, "N", model.Classes.Count);
        }

        return builder.Build();
    }

    /// <summary>The numeric and boolean input columns, in the order of <see cref="NumericInput"/>'s second axis.</summary>
    public static IReadOnlyList<string> NumericColumns(FeatureEncoder encoder) =>
        [.. encoder.Columns.Where(c => c.Kind != ColumnKind.Categorical).Select(c => c.Name)];

    /// <summary>The categorical columns that get a string input of their own (those with at least one level).</summary>
    public static IReadOnlyList<FeatureColumn> CategoricalInputs(FeatureEncoder encoder) =>
        [.. encoder.Columns.Where(c => c.Kind == ColumnKind.Categorical && c.Levels.Count > 0)];

    /// <summary>The ONNX input name of a categorical column.</summary>
    public static string CategoricalInputName(string column) => column == NumericInput ? column + "_input" : column;

    private static string AddPreprocessing(OnnxGraphBuilder builder, TrainedModel model, FeatureEncoder encoder)
    {
        var parts = new List<string>();
        var numeric = encoder.Columns.Where(c => c.Kind != ColumnKind.Categorical).ToList();
        if (numeric.Count > 0)
        {
            builder.AddInput(NumericInput, OnnxElementType.Float, "N", numeric.Count);
            builder.AddNode(
                "Imputer",
                [NumericInput],
                ["imputed"],
                [OnnxAttribute.Floats("imputed_value_floats", numeric.Select(c => (float)c.ImputeValue)), OnnxAttribute.Float("replaced_value_float", float.NaN)],
                OnnxDomains.Ml);
            var (means, scales) = model switch
            {
                LogisticRegressionModel m => (m.Means, m.Scales),
                LinearRegressionModel m => (m.Means, m.Scales),
                _ => ((IReadOnlyList<double>?)null, (IReadOnlyList<double>?)null),
            };
            if (means is not null && scales is not null)
            {
                builder.AddNode(
                    "Scaler",
                    ["imputed"],
                    ["scaled"],
                    [OnnxAttribute.Floats("offset", means.Select(v => (float)v)), OnnxAttribute.Floats("scale", scales.Select(v => (float)v))],
                    OnnxDomains.Ml);
                parts.Add("scaled");
            }
            else
            {
                parts.Add("imputed");
            }
        }

        var index = 0;
        foreach (var column in CategoricalInputs(encoder))
        {
            var input = CategoricalInputName(column.Name);
            var suffix = index++.ToString(CultureInfo.InvariantCulture);
            builder.AddInput(input, OnnxElementType.String, "N", 1);
            builder.AddInitializer($"onehot_shape_{suffix}", OnnxTensor.FromInt64s([-1, column.Levels.Count], 2));
            builder.AddNode("OneHotEncoder", [input], [$"onehot3d_{suffix}"], [OnnxAttribute.Strings("cats_strings", column.Levels), OnnxAttribute.Int("zeros", 1)], OnnxDomains.Ml);
            builder.AddNode("Reshape", [$"onehot3d_{suffix}", $"onehot_shape_{suffix}"], [$"onehot_{suffix}"]);
            parts.Add($"onehot_{suffix}");
        }

        if (parts.Count == 0)
        {
            throw new NotSupportedException("The model has no input features to export.");
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        builder.AddNode("Concat", parts, ["features"], [OnnxAttribute.Int("axis", 1)]);
        return "features";
    }

    private static void AddLinearClassifier(OnnxGraphBuilder builder, string features, LogisticRegressionModel model)
    {
        // Binary: one weight row with LOGISTIC gives ORT's binary case, probabilities [1 - p, p].
        builder.AddNode(
            "LinearClassifier",
            [features],
            [LabelOutput, ProbabilitiesOutput],
            [
                OnnxAttribute.Floats("coefficients", model.Weights.SelectMany(row => row.Select(w => (float)w))),
                OnnxAttribute.Floats("intercepts", model.Intercepts.Select(b => (float)b)),
                OnnxAttribute.Ints("classlabels_ints", Enumerable.Range(0, model.Classes.Count).Select(i => (long)i)),
                OnnxAttribute.String("post_transform", model.Weights.Count == 1 ? "LOGISTIC" : "SOFTMAX"),
            ],
            OnnxDomains.Ml);
    }

    private static void AddTreeEnsemble(OnnxGraphBuilder builder, string features, GradientBoostedTreesModel model)
    {
        var treeIds = new List<long>();
        var nodeIds = new List<long>();
        var featureIds = new List<long>();
        var thresholds = new List<float>();
        var modes = new List<string>();
        var trueIds = new List<long>();
        var falseIds = new List<long>();
        var leafTrees = new List<long>();
        var leafNodes = new List<long>();
        var leafTargets = new List<long>();
        var leafWeights = new List<float>();
        for (var t = 0; t < model.Trees.Count; t++)
        {
            var tree = model.Trees[t];
            for (var node = 0; node < tree.NodeCount; node++)
            {
                var leaf = tree.Left[node] < 0;
                treeIds.Add(t);
                nodeIds.Add(node);
                featureIds.Add(leaf ? 0 : tree.Feature[node]);
                thresholds.Add(leaf ? 0 : tree.Threshold[node]);
                modes.Add(leaf ? "LEAF" : "BRANCH_LEQ");
                trueIds.Add(leaf ? 0 : tree.Left[node]);
                falseIds.Add(leaf ? 0 : tree.Right[node]);
                if (leaf)
                {
                    leafTrees.Add(t);
                    leafNodes.Add(node);
                    leafTargets.Add(tree.Class);
                    leafWeights.Add((float)tree.Value[node]);
                }
            }
        }

        List<OnnxAttribute> attributes =
        [
            OnnxAttribute.Ints("nodes_treeids", treeIds),
            OnnxAttribute.Ints("nodes_nodeids", nodeIds),
            OnnxAttribute.Ints("nodes_featureids", featureIds),
            OnnxAttribute.Floats("nodes_values", thresholds),
            OnnxAttribute.Strings("nodes_modes", modes),
            OnnxAttribute.Ints("nodes_truenodeids", trueIds),
            OnnxAttribute.Ints("nodes_falsenodeids", falseIds),
            OnnxAttribute.Floats("base_values", model.BaseScores.Select(b => (float)b)),
        ];

        if (model.Task == TaskKind.Regression)
        {
            attributes.AddRange(
            [
                OnnxAttribute.Int("n_targets", 1),
                OnnxAttribute.String("aggregate_function", "SUM"),
                OnnxAttribute.String("post_transform", "NONE"),
                OnnxAttribute.Ints("target_treeids", leafTrees),
                OnnxAttribute.Ints("target_nodeids", leafNodes),
                OnnxAttribute.Ints("target_ids", leafTargets),
                OnnxAttribute.Floats("target_weights", leafWeights),
            ]);
            builder.AddNode("TreeEnsembleRegressor", [features], [ValueOutput], attributes, OnnxDomains.Ml);
            return;
        }

        // Binary: every leaf votes for class id 0 with the raw score; ORT's binary case then reports
        // [sigmoid(-s), sigmoid(s)] under LOGISTIC, i.e. [1 - p, p].
        attributes.AddRange(
        [
            OnnxAttribute.Ints("class_treeids", leafTrees),
            OnnxAttribute.Ints("class_nodeids", leafNodes),
            OnnxAttribute.Ints("class_ids", leafTargets),
            OnnxAttribute.Floats("class_weights", leafWeights),
            OnnxAttribute.Ints("classlabels_int64s", Enumerable.Range(0, model.Classes.Count).Select(i => (long)i)),
            OnnxAttribute.String("post_transform", model.Task == TaskKind.BinaryClassification ? "LOGISTIC" : "SOFTMAX"),
        ]);
        builder.AddNode("TreeEnsembleClassifier", [features], [LabelOutput, ProbabilitiesOutput], attributes, OnnxDomains.Ml);
    }
}
