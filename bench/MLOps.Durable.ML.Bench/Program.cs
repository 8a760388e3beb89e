using System.Globalization;
using System.Text.Json;
using MLOps.Durable.ML.Bench;
using MLOps.Durable.ML.Data;

// ML benchmark: our trainers and scikit-learn / XGBoost on the same rows and folds, in one run.
// Usage: dotnet run --project bench/MLOps.Durable.ML.Bench -c Release [-- --quick]   (bench/ml.sh installs the reference)
var quick = args.Contains("--quick");
var syntheticRows = quick ? 20_000 : 100_000;
var syntheticTrees = quick ? 50 : 200;
var singleRows = quick ? 300 : 2_000;
var root = RepositoryRoot();
var datasets = Path.Combine(root, "workflows", "data");
var workdir = Directory.CreateTempSubdirectory("mlops-ml-bench-").FullName;

try
{
    var syntheticFile = Path.Combine(workdir, "synthetic.csv");
    SyntheticBinary.WriteCsv(syntheticFile, syntheticRows, seed: 20261122);
    var frames = new Dictionary<string, DataFrame>();
    var workloads = new List<Workload>();
    Add("breast_cancer", Path.Combine(datasets, "breast_cancer.csv"), "binary", "rocAuc");
    Add("iris", Path.Combine(datasets, "iris.csv"), "multiclass", "accuracy");
    Add("diabetes", Path.Combine(datasets, "diabetes.csv"), "regression", "r2");
    Add("synthetic", syntheticFile, "binary", "rocAuc", synthetic: true);

    File.WriteAllText(Path.Combine(workdir, "workloads.json"), JsonSerializer.Serialize(new
    {
        syntheticTrees,
        singleRows,
        workloads = workloads.Select(w => new
        {
            name = w.Name,
            file = w.File,
            task = w.Task,
            metric = w.Metric,
            synthetic = w.Synthetic,
            folds = w.Folds.Select(f => new { train = f.TrainRows, test = f.TestRows }),
        }),
    }));

    Warmup(frames["breast_cancer"], frames["synthetic"]);
    var ours = new List<(Workload Workload, string Model, double Metric, double FitSeconds)>();
    (Scoring Onnx, Scoring Onnx2, Scoring InProcess)? scoring = null;
    foreach (var workload in workloads)
    {
        foreach (var (name, fit) in OurModels.For(workload, syntheticTrees))
        {
            var (metric, seconds, model) = OurModels.Run(workload, frames[workload.Name], fit);
            ours.Add((workload, name, metric, seconds));
            if (workload.Synthetic)
            {
                scoring = Scoring.All(model, frames[workload.Name], singleRows);
            }
        }
    }

    var reference = ReferenceRunner.Run(workdir, out var problem);
    Console.WriteLine($"ML benchmark ({(quick ? "quick" : "full")}; synthetic {syntheticRows:N0} x {SyntheticBinary.Features}, {syntheticTrees} trees; {Environment.ProcessorCount} cores)");
    Console.WriteLine("metrics: breast_cancer/iris/diabetes = mean over 5 stratified folds; synthetic = one 80/20 split; times = summed fit seconds");
    Console.WriteLine();
    Console.WriteLine($"{"workload",-14}{"model",-10}{"metric",-9}{"ours",9}{"sklearn",9}{"diff",9}{"fit s",9}{"ref s",9}{"time ratio",12}");
    var results = new List<object>();
    foreach (var (workload, model, metric, seconds) in ours)
    {
        JsonElement? theirs = reference is { } r && r.GetProperty(workload.Name).TryGetProperty(model, out var m) ? m : null;
        var refMetric = theirs?.GetProperty("metric").GetDouble();
        var refSeconds = theirs?.GetProperty("fitSeconds").GetDouble();
        Console.WriteLine($"{workload.Name,-14}{model,-10}{workload.Metric,-9}{metric,9:F4}{Format(refMetric, "F4"),9}{Format(metric - refMetric, "+0.0000;-0.0000"),9}{seconds,9:F3}{Format(refSeconds, "F3"),9}{Format(seconds / refSeconds, "F2") + "x",12}");
        results.Add(new { workload = workload.Name, model, metric = workload.Metric, ours = metric, reference = refMetric, fitSeconds = seconds, referenceFitSeconds = refSeconds, timeRatio = seconds / refSeconds });
    }

    if (reference is { } all && all.GetProperty("synthetic").TryGetProperty("xgboost", out var xgb))
    {
        var ourSynthetic = ours.Single(o => o.Workload.Synthetic);
        var xgbSeconds = xgb.GetProperty("fitSeconds").GetDouble();
        Console.WriteLine($"{"synthetic",-14}{"xgboost",-10}{"rocAuc",-9}{"",9}{xgb.GetProperty("metric").GetDouble(),9:F4}{"",9}{"",9}{xgbSeconds,9:F3}{(ourSynthetic.FitSeconds / xgbSeconds).ToString("F2", CultureInfo.InvariantCulture) + "x",12}");
        results.Add(new { workload = "synthetic", model = "xgboost", metric = "rocAuc", reference = xgb.GetProperty("metric").GetDouble(), referenceFitSeconds = xgbSeconds, timeRatio = ourSynthetic.FitSeconds / xgbSeconds });
    }

    object? scoringResult = null;
    if (scoring is { } ourScoring)
    {
        var theirs = reference is { } r && r.GetProperty("synthetic").GetProperty("gbdt").TryGetProperty("scoring", out var s) ? s : (JsonElement?)null;
        var sklearnBatch = theirs?.GetProperty("batchRowsPerSecond").GetDouble();
        var sklearnP50 = theirs?.GetProperty("singleRowP50Microseconds").GetDouble();
        var sklearnP99 = theirs?.GetProperty("singleRowP99Microseconds").GetDouble();
        Console.WriteLine();
        Console.WriteLine($"scoring the synthetic gbdt ({syntheticTrees} trees) on {frames["synthetic"].RowCount:N0} rows; single-row latency over {singleRows:N0} calls");
        Console.WriteLine($"{"scorer",-26}{"batch rows/s",14}{"vs sklearn",12}{"p50 us",10}{"p99 us",10}");
        Console.WriteLine($"{"ONNX Runtime (1 thread)",-26}{ourScoring.Onnx.BatchRowsPerSecond,14:N0}{Format(ourScoring.Onnx.BatchRowsPerSecond / sklearnBatch, "F2") + "x",12}{ourScoring.Onnx.SingleRowP50Microseconds,10:F1}{ourScoring.Onnx.SingleRowP99Microseconds,10:F1}");
        Console.WriteLine($"{"ONNX Runtime (2 threads)",-26}{ourScoring.Onnx2.BatchRowsPerSecond,14:N0}{Format(ourScoring.Onnx2.BatchRowsPerSecond / sklearnBatch, "F2") + "x",12}{ourScoring.Onnx2.SingleRowP50Microseconds,10:F1}{ourScoring.Onnx2.SingleRowP99Microseconds,10:F1}");
        Console.WriteLine($"{"in-process model",-26}{ourScoring.InProcess.BatchRowsPerSecond,14:N0}{Format(ourScoring.InProcess.BatchRowsPerSecond / sklearnBatch, "F2") + "x",12}{ourScoring.InProcess.SingleRowP50Microseconds,10:F1}{ourScoring.InProcess.SingleRowP99Microseconds,10:F1}");
        Console.WriteLine($"{"sklearn predict_proba",-26}{Format(sklearnBatch, "N0"),14}{"1.00x",12}{Format(sklearnP50, "F1"),10}{Format(sklearnP99, "F1"),10}");
        scoringResult = new { onnx = ourScoring.Onnx, onnxTwoThreads = ourScoring.Onnx2, inProcess = ourScoring.InProcess, sklearn = theirs is null ? null : new { batchRowsPerSecond = sklearnBatch, singleRowP50Microseconds = sklearnP50, singleRowP99Microseconds = sklearnP99 } };
    }

    if (problem is not null)
    {
        Console.WriteLine();
        Console.WriteLine($"reference not measured: {problem}");
    }

    Console.WriteLine();
    Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "ml", quick, results, scoring = scoringResult }, JsonSerializerOptions.Web));

    void Add(string name, string file, string task, string metric, bool synthetic = false)
    {
        var frame = CsvReader.ReadFile(file);
        var target = frame.Columns[^1].Name;
        var labels = Enumerable.Range(0, frame.RowCount).Select(frame[target].FormatValue).ToList();
        IReadOnlyList<CrossValidationFold> folds = synthetic
            ? [ToFold(DataSplitter.StratifiedTrainTest(labels, 0.2, seed: 0))]
            : task == "regression" ? DataSplitter.KFold(frame.RowCount, 5, seed: 0) : DataSplitter.StratifiedKFold(labels, 5, seed: 0);
        frames[name] = frame;
        workloads.Add(new Workload(name, file, task, metric, target, folds, synthetic));
    }
}
finally
{
    Directory.Delete(workdir, recursive: true);
}

static CrossValidationFold ToFold(TrainTestSplit split) => new(0, split.TrainRows, split.TestRows);

static string Format(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

static void Warmup(DataFrame small, DataFrame large)
{
    // JIT the trainers before anything is timed, including the parallel paths only large nodes take
    // (sklearn's code is compiled ahead of time; ours would otherwise pay its JIT inside the first fit).
    var target = small.Columns[^1].Name;
    MLOps.Durable.ML.Training.GradientBoostingTrainer.Fit(small, target, new() { Trees = 5 });
    MLOps.Durable.ML.Training.LogisticRegressionTrainer.Fit(small, target);
    var sample = large.SelectRows([.. Enumerable.Range(0, Math.Min(large.RowCount, 20_000))]);
    MLOps.Durable.ML.Training.GradientBoostingTrainer.Fit(
        sample, large.Columns[^1].Name, new() { Trees = 10, EarlyStopping = MLOps.Durable.ML.Training.EarlyStopping.Off }, classification: true);
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "MLOps.Durable.sln")))
        {
            return directory.FullName;
        }
    }

    throw new DirectoryNotFoundException("Run the benchmark from inside the repository (no MLOps.Durable.sln above " + AppContext.BaseDirectory + ").");
}
