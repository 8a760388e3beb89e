using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Metrics;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The metrics a definition can name (see MetricNames), computed for a model on hold-out rows.</summary>
internal static class ModelMetrics
{
    public static IReadOnlyDictionary<string, double> Compute(TrainedModel model, DataFrame test)
    {
        var predictions = model.Predict(test);
        var target = test[model.Target];
        if (model.Task == TaskKind.Regression)
        {
            var report = RegressionMetrics.Evaluate(((NumericColumn)target).Values, predictions.Scores);
            return new Dictionary<string, double> { ["rmse"] = report.Rmse, ["mae"] = report.Mae, ["r2"] = report.R2 };
        }

        // Rows whose class the model never saw cannot be scored against its probabilities; stratified splits avoid them.
        var index = model.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var rows = Enumerable.Range(0, test.RowCount).Where(r => target.FormatValue(r) is { } label && index.ContainsKey(label)).ToArray();
        var actual = rows.Select(r => index[target.FormatValue(r)!]).ToArray();
        var width = model.Classes.Count;
        var probabilities = new double[rows.Length * width];
        for (var i = 0; i < rows.Length; i++)
        {
            predictions.Probabilities(rows[i]).CopyTo(probabilities.AsSpan(i * width, width));
        }

        var classification = ClassificationMetrics.Evaluate(actual, probabilities, width, model.Classes);
        var metrics = new Dictionary<string, double>
        {
            ["accuracy"] = classification.Accuracy,
            ["precision"] = classification.MacroPrecision,
            ["recall"] = classification.MacroRecall,
            ["f1"] = classification.MacroF1,
            ["logLoss"] = classification.LogLoss,
        };
        if (classification.RocAuc is { } auc)
        {
            metrics["rocAuc"] = auc;
        }

        if (classification.PrAuc is { } pr)
        {
            metrics["prAuc"] = pr;
        }

        return metrics;
    }
}
