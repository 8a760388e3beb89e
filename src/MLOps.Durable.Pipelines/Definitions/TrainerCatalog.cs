using System.Globalization;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>
/// The hyperparameters each trainer takes in a definition (camelCase names of the ML options), how their
/// text becomes options, and training with them.
/// </summary>
public static class TrainerCatalog
{
    private static readonly Dictionary<TrainerKind, Dictionary<string, ParameterKind>> Parameters = new()
    {
        [TrainerKind.Gbdt] = new(StringComparer.Ordinal)
        {
            ["trees"] = ParameterKind.Integer,
            ["learningRate"] = ParameterKind.Number,
            ["maxLeaves"] = ParameterKind.Integer,
            ["maxDepth"] = ParameterKind.Integer,
            ["minSamplesLeaf"] = ParameterKind.Integer,
            ["l2"] = ParameterKind.Number,
            ["featureFraction"] = ParameterKind.Number,
            ["rowSubsample"] = ParameterKind.Number,
            ["maxBins"] = ParameterKind.Integer,
            ["earlyStopping"] = ParameterKind.EarlyStopping,
            ["validationFraction"] = ParameterKind.Number,
            ["earlyStoppingRounds"] = ParameterKind.Integer,
        },
        [TrainerKind.Logistic] = new(StringComparer.Ordinal)
        {
            ["c"] = ParameterKind.Number,
            ["maxIterations"] = ParameterKind.Integer,
            ["tolerance"] = ParameterKind.Number,
        },
        [TrainerKind.Linear] = new(StringComparer.Ordinal)
        {
            ["alpha"] = ParameterKind.Number,
        },
    };

    private enum ParameterKind
    {
        Integer,
        Number,
        EarlyStopping,
    }

    /// <summary>The hyperparameter names a trainer accepts.</summary>
    public static IReadOnlyList<string> ParameterNames(TrainerKind trainer) => [.. Parameters[trainer].Keys];

    /// <summary>Whether the trainer can learn the task (logistic: classification; linear: regression; gbdt: both).</summary>
    public static bool Supports(TrainerKind trainer, TaskKind task) => trainer switch
    {
        TrainerKind.Logistic => task != TaskKind.Regression,
        TrainerKind.Linear => task == TaskKind.Regression,
        _ => true,
    };

    /// <summary>Checks one hyperparameter's name and value; null when fine, else what was expected.</summary>
    public static string? Check(TrainerKind trainer, string name, string value)
    {
        if (!Parameters[trainer].TryGetValue(name, out var kind))
        {
            return $"'{name}' is not a {Name(trainer)} hyperparameter; expected one of {string.Join(", ", Parameters[trainer].Keys)}";
        }

        var parsed = kind switch
        {
            ParameterKind.Integer => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            ParameterKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d),
            _ => Enum.TryParse<EarlyStopping>(value, ignoreCase: true, out _) && !int.TryParse(value, out _),
        };
        if (!parsed)
        {
            return kind switch
            {
                ParameterKind.Integer => $"'{value}' is not a whole number",
                ParameterKind.Number => $"'{value}' is not a number",
                _ => $"'{value}' is not one of auto, on, off",
            };
        }

        try
        {
            Build(trainer, new Dictionary<string, string>(StringComparer.Ordinal) { [name] = value }, seed: 0);
            return null;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return ex.Message.Split(Environment.NewLine)[0].Split(" (Parameter")[0];
        }
    }

    /// <summary>Trains a model with the given hyperparameters (already checked) and seed.</summary>
    public static TrainedModel Train(TrainerKind trainer, DataFrame frame, string target, TaskKind task, IReadOnlyDictionary<string, string> hyperparameters, int seed) =>
        Build(trainer, hyperparameters, seed) switch
        {
            GradientBoostingOptions options => GradientBoostingTrainer.Fit(frame, target, options, classification: task != TaskKind.Regression),
            LogisticRegressionOptions options => LogisticRegressionTrainer.Fit(frame, target, options),
            LinearRegressionOptions options => LinearRegressionTrainer.Fit(frame, target, options),
            var other => throw new InvalidOperationException($"No trainer for {other}."),
        };

    /// <summary>The name used in definitions.</summary>
    public static string Name(TrainerKind trainer) => trainer.ToString().ToLowerInvariant();

    private static object Build(TrainerKind trainer, IReadOnlyDictionary<string, string> values, int seed)
    {
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        double Number(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        object options;
        switch (trainer)
        {
            case TrainerKind.Gbdt:
                var defaults = new GradientBoostingOptions();
                options = new GradientBoostingOptions
                {
                    Trees = Int("trees", defaults.Trees),
                    LearningRate = Number("learningRate", defaults.LearningRate),
                    MaxLeaves = Int("maxLeaves", defaults.MaxLeaves),
                    MaxDepth = values.ContainsKey("maxDepth") ? Int("maxDepth", 0) : null,
                    MinSamplesLeaf = Int("minSamplesLeaf", defaults.MinSamplesLeaf),
                    L2 = Number("l2", defaults.L2),
                    FeatureFraction = Number("featureFraction", defaults.FeatureFraction),
                    RowSubsample = Number("rowSubsample", defaults.RowSubsample),
                    MaxBins = Int("maxBins", defaults.MaxBins),
                    EarlyStopping = values.TryGetValue("earlyStopping", out var stop) ? Enum.Parse<EarlyStopping>(stop, ignoreCase: true) : defaults.EarlyStopping,
                    ValidationFraction = Number("validationFraction", defaults.ValidationFraction),
                    EarlyStoppingRounds = Int("earlyStoppingRounds", defaults.EarlyStoppingRounds),
                    Seed = seed,
                };
                ((GradientBoostingOptions)options).Validate();
                return options;
            case TrainerKind.Logistic:
                var logisticDefaults = new LogisticRegressionOptions();
                var logistic = new LogisticRegressionOptions
                {
                    C = Number("c", logisticDefaults.C),
                    MaxIterations = Int("maxIterations", logisticDefaults.MaxIterations),
                    Tolerance = Number("tolerance", logisticDefaults.Tolerance),
                };
                logistic.Validate();
                return logistic;
            default:
                var linear = new LinearRegressionOptions { Alpha = Number("alpha", new LinearRegressionOptions().Alpha) };
                linear.Validate();
                return linear;
        }
    }
}
