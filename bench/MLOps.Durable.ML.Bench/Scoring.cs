using System.Diagnostics;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Onnx;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Bench;

/// <summary>Scoring speed of one model: batched rows/s (best of three) and single-row latency percentiles.</summary>
internal sealed record Scoring(double BatchRowsPerSecond, double SingleRowP50Microseconds, double SingleRowP99Microseconds)
{
    public static Scoring Measure(Func<DataFrame, Predictions> predict, DataFrame rows, int singleRows)
    {
        predict(rows.SelectRows([0, 1, 2]));
        var best = double.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var watch = Stopwatch.StartNew();
            predict(rows);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }

        var singles = Enumerable.Range(0, singleRows).Select(r => rows.SelectRows([r % rows.RowCount])).ToArray();
        var latencies = new double[singles.Length];
        for (var i = 0; i < singles.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            predict(singles[i]);
            latencies[i] = watch.Elapsed.TotalMicroseconds;
        }

        Array.Sort(latencies);
        return new Scoring(rows.RowCount / best, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    /// <summary>ONNX Runtime (through <see cref="OnnxPredictor"/>, one and two intra-op threads) and our in-process model.</summary>
    public static (Scoring Onnx, Scoring Onnx2, Scoring InProcess) All(TrainedModel model, DataFrame rows, int singleRows)
    {
        using var predictor = OnnxPredictor.Create(model);
        using var twoThreads = OnnxPredictor.Create(model, new OnnxSessionOptions { IntraOpThreads = 2 });
        return (Measure(predictor.Predict, rows, singleRows), Measure(twoThreads.Predict, rows, singleRows), Measure(model.Predict, rows, singleRows));
    }

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
