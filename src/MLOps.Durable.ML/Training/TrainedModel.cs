using System.Text.Json;
using System.Text.Json.Serialization;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// A trained model with its preprocessing, so it scores raw rows. Serializes to JSON (with a
/// <c>modelType</c> discriminator) for the registry, and exports to ONNX for serving.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "modelType")]
[JsonDerivedType(typeof(LogisticRegressionModel), "logisticRegression")]
[JsonDerivedType(typeof(LinearRegressionModel), "linearRegression")]
[JsonDerivedType(typeof(GradientBoostedTreesModel), "gradientBoostedTrees")]
public abstract class TrainedModel
{
    private FeatureEncoder? _encoder;

    /// <summary>What the model predicts.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The target column it was trained on.</summary>
    public required string Target { get; init; }

    /// <summary>Class labels in index order (empty for regression).</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>The input columns and how they are encoded.</summary>
    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    /// <summary>The encoder built from <see cref="Features"/>.</summary>
    [JsonIgnore]
    public FeatureEncoder Encoder => _encoder ??= new FeatureEncoder(Features);

    /// <summary>Scores raw rows: the frame needs every feature column (other columns are ignored).</summary>
    public Predictions Predict(DataFrame frame)
    {
        var features = Encoder.Encode(frame);
        var width = Task == TaskKind.Regression ? 1 : Classes.Count;
        var scores = new double[features.Rows * width];
        Score(features, scores);
        return new Predictions(Task, Classes, scores);
    }

    /// <summary>Scores encoded rows into <paramref name="scores"/> (probabilities per class, or one value per row).</summary>
    public abstract void Score(FeatureMatrix features, Span<double> scores);

    /// <summary>The model as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ModelJson.Options);

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a model.</exception>
    public static TrainedModel FromJson(string json) =>
        JsonSerializer.Deserialize<TrainedModel>(json, ModelJson.Options) ?? throw new JsonException("The model JSON is null.");
}
