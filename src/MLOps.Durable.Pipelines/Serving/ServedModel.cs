using MLOps.Durable.ML.Onnx;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>A loaded version: its ONNX Runtime predictor and the fields its rows must carry. Owns the predictor.</summary>
internal sealed class ServedModel(OnnxPredictor predictor, IReadOnlyList<ServingColumn> columns) : IDisposable
{
    public OnnxPredictor Predictor { get; } = predictor;

    public IReadOnlyList<ServingColumn> Columns { get; } = columns;

    public void Dispose() => Predictor.Dispose();
}
