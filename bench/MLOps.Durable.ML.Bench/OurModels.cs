using System.Diagnostics;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Metrics;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Bench;

/// <summary>Trains and scores our trainers on a workload's folds, with the same settings the reference uses.</summary>
internal static class OurModels
{
    public static IEnumerable<(string Name, Func<DataFrame, TrainedModel> Fit)> For(Workload workload, int syntheticTrees)
    {
        var target = workload.Target;
        if (workload.Synthetic)
        {
            yield return ("gbdt", f => GradientBoostingTrainer.Fit(f, target, new GradientBoostingOptions { Trees = syntheticTrees, EarlyStopping = EarlyStopping.Off }, classification: true));
            yield break;
        }

        if (workload.Classification)
        {
            yield return ("logistic", f => LogisticRegressionTrainer.Fit(f, target));
        }
        else
        {
            yield return ("linear", f => LinearRegressionTrainer.Fit(f, target));
        }

        yield return ("gbdt", f => GradientBoostingTrainer.Fit(f, target, new GradientBoostingOptions { EarlyStopping = EarlyStopping.Off }, classification: workload.Classification));
    }

    /// <summary>The mean metric over folds and the summed fit time.</summary>
    public static (double Metric, double FitSeconds, TrainedModel Last) Run(Workload workload, DataFrame frame, Func<DataFrame, TrainedModel> fit)
    {
        var metrics = new List<double>();
        double fitSeconds = 0;
        TrainedModel? last = null;
        foreach (var fold in workload.Folds)
        {
            var train = fold.Train(frame);
            var test = fold.Test(frame);
            var watch = Stopwatch.StartNew();
            var model = fit(train);
            fitSeconds += watch.Elapsed.TotalSeconds;
            metrics.Add(Evaluate(workload.Metric, model, test));
            last = model;
        }

        return (metrics.Average(), fitSeconds, last!);
    }

    private static double Evaluate(string metric, TrainedModel model, DataFrame test)
    {
        var predictions = model.Predict(test);
        var target = test[model.Target];
        if (model.Task == TaskKind.Regression)
        {
            return RegressionMetrics.Evaluate(((NumericColumn)target).Values, predictions.Scores).R2;
        }

        var index = model.Classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var actual = Enumerable.Range(0, test.RowCount).Select(r => index[target.FormatValue(r)!]).ToArray();
        var report = ClassificationMetrics.Evaluate(actual, predictions.Scores, model.Classes.Count, model.Classes);
        return metric == "rocAuc" ? report.RocAuc ?? double.NaN : report.Accuracy;
    }
}
