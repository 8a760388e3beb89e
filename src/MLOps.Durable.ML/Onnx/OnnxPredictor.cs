using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Scores raw rows through ONNX Runtime with a model written by <see cref="OnnxModelExporter"/>: builds the
/// input tensors from a frame (missing numbers as NaN, missing labels as the empty string, which the
/// one-hot encoder maps to all zeros as the in-process encoder does) and returns <see cref="Predictions"/>.
/// Thread-safe: one session serves concurrent calls.
/// </summary>
public sealed class OnnxPredictor : IDisposable
{
    private readonly OnnxSession _session;
    private readonly FeatureEncoder _encoder;
    private readonly string[] _outputs;

    /// <summary>Wraps a session of an exported model; <paramref name="model"/> supplies the column layout and classes.</summary>
    public OnnxPredictor(OnnxSession session, TrainedModel model)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(model);
        _session = session;
        Task = model.Task;
        Classes = model.Classes;
        _encoder = model.Encoder;
        _outputs = Task == TaskKind.Regression ? [OnnxModelExporter.ValueOutput] : [OnnxModelExporter.ProbabilitiesOutput];
    }

    /// <summary>What the model predicts.</summary>
    public TaskKind Task { get; }

    /// <summary>Class labels in index order (empty for regression).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Exports <paramref name="model"/> and opens it in ONNX Runtime.</summary>
    public static OnnxPredictor Create(TrainedModel model, OnnxSessionOptions? options = null) =>
        new(OnnxSession.FromBytes(OnnxModelExporter.Export(model), options), model);

    /// <summary>Scores every row of <paramref name="frame"/> in one ONNX Runtime call.</summary>
    /// <exception cref="ArgumentException">A column the model needs is missing or of the wrong kind.</exception>
    public Predictions Predict(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var result = _session.Run(Inputs(frame), _outputs);
        var output = result[_outputs[0]].AsFloats();
        var scores = new double[output.Length];
        for (var i = 0; i < output.Length; i++)
        {
            scores[i] = output[i];
        }

        return new Predictions(Task, Classes, scores);
    }

    /// <inheritdoc />
    public void Dispose() => _session.Dispose();

    private Dictionary<string, OnnxTensor> Inputs(DataFrame frame)
    {
        var rows = frame.RowCount;
        var inputs = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var numeric = OnnxModelExporter.NumericColumns(_encoder);
        if (numeric.Count > 0)
        {
            var values = new float[rows * numeric.Count];
            for (var j = 0; j < numeric.Count; j++)
            {
                var column = Column(frame, numeric[j]);
                for (var row = 0; row < rows; row++)
                {
                    values[(row * numeric.Count) + j] = column switch
                    {
                        NumericColumn n => (float)n[row],
                        BooleanColumn b => b[row] switch { true => 1f, false => 0f, null => float.NaN },
                        _ => throw new ArgumentException(
                            $"Column '{numeric[j]}' holds {column.Kind.ToString().ToLowerInvariant()} values; the model expects numbers.", nameof(frame)),
                    };
                }
            }

            inputs[OnnxModelExporter.NumericInput] = OnnxTensor.FromFloats(values, rows, numeric.Count);
        }

        foreach (var categorical in OnnxModelExporter.CategoricalInputs(_encoder))
        {
            var column = Column(frame, categorical.Name);
            var labels = new string[rows];
            for (var row = 0; row < rows; row++)
            {
                labels[row] = column.FormatValue(row) ?? string.Empty;
            }

            inputs[OnnxModelExporter.CategoricalInputName(categorical.Name)] = OnnxTensor.FromStrings(labels, rows, 1);
        }

        return inputs;
    }

    private static DataColumn Column(DataFrame frame, string name) =>
        frame.TryGetColumn(name, out var column)
            ? column
            : throw new ArgumentException($"The input has no column '{name}', which the model needs.", nameof(frame));
}
