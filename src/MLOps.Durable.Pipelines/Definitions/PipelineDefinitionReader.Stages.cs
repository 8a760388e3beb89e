using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Drift;

namespace MLOps.Durable.Pipelines.Definitions;

public static partial class PipelineDefinitionReader
{
    private static TrainSettings? ReadTrain(YamlFields root, DefinitionErrors errors, TaskKind? task)
    {
        var train = root.Section("train", TrainFields);
        if (train is null)
        {
            root.String("train", required: true);
            return null;
        }

        var trainer = train.Enum<TrainerKind>("trainer", required: true);
        if (trainer is { } kind && task is { } known && !TrainerCatalog.Supports(kind, known))
        {
            errors.Add(train.Node("trainer")!, train.Path("trainer"), $"{TrainerCatalog.Name(kind)} cannot learn a {Describe(known)} task");
        }

        var hyperparameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in train.Entries("hyperparameters"))
        {
            var path = train.Path("hyperparameters") + "." + name;
            if (value is not YamlDotNet.RepresentationModel.YamlScalarNode { Value: { Length: > 0 } text })
            {
                errors.Add(value, path, "expected a single value (use 'sweep' to try several)");
                continue;
            }

            if (trainer is { } t && TrainerCatalog.Check(t, name, text) is { } problem)
            {
                errors.Add(TrainerCatalog.ParameterNames(t).Contains(name) ? value : keyNode, path, problem);
            }

            hyperparameters[name] = text;
        }

        var sweep = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, keyNode, value) in train.Entries("sweep"))
        {
            var path = train.Path("sweep") + "." + name;
            if (value is not YamlDotNet.RepresentationModel.YamlSequenceNode { Children.Count: > 0 } list)
            {
                errors.Add(value, path, "expected a non-empty list of values to try, e.g. [0.05, 0.1]");
                continue;
            }

            if (hyperparameters.ContainsKey(name))
            {
                errors.Add(keyNode, path, "is also a fixed hyperparameter; keep it in one place");
            }

            var values = new List<string>();
            foreach (var item in list.Children)
            {
                var text = (item as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? string.Empty;
                if (trainer is { } t && TrainerCatalog.Check(t, name, text) is { } problem)
                {
                    errors.Add(TrainerCatalog.ParameterNames(t).Contains(name) ? item : keyNode, path, problem);
                }

                values.Add(text);
            }

            sweep[name] = values;
        }

        var combinations = sweep.Values.Aggregate(1L, (product, values) => product * values.Count);
        if (combinations > 256)
        {
            errors.Add(train.Node("sweep")!, train.Path("sweep"), $"{combinations} combinations; at most 256 are allowed");
        }

        var testFraction = train.Number("testFraction", 0.01, 0.9) ?? 0.2;
        var stratify = train.Boolean("stratify") ?? true;
        var seed = train.Integer("seed", 0) ?? 42;
        return trainer is null ? null : new TrainSettings(trainer.Value, hyperparameters, sweep, testFraction, stratify, seed);
    }

    private static EvaluateSettings ReadEvaluate(YamlFields root, DefinitionErrors errors, TaskKind? task)
    {
        var evaluate = root.Section("evaluate", EvaluateFields);
        var metrics = new List<string>();
        var gates = new List<MetricGate>();
        double? margin = null;
        if (evaluate is not null)
        {
            foreach (var (value, node) in evaluate.ScalarList("metrics"))
            {
                if (MetricNames.Canonical(value) is not { } metric)
                {
                    errors.Add(node, evaluate.Path("metrics"), $"'{value}' is not a metric; expected one of {string.Join(", ", MetricNames.All)}");
                }
                else if (task is { } known && !MetricNames.For(known).Contains(metric))
                {
                    errors.Add(node, evaluate.Path("metrics"), $"'{metric}' does not apply to a {Describe(known)} task; expected one of {string.Join(", ", MetricNames.For(known))}");
                }
                else
                {
                    metrics.Add(metric);
                }
            }

            foreach (var (value, node) in evaluate.ScalarList("gates"))
            {
                if (!MetricGate.TryParse(value, out var gate, out var error))
                {
                    errors.Add(node, evaluate.Path("gates"), error!);
                }
                else if (task is { } known && !MetricNames.For(known).Contains(gate!.Metric))
                {
                    errors.Add(node, evaluate.Path("gates"), $"'{gate.Metric}' does not apply to a {Describe(known)} task");
                }
                else
                {
                    gates.Add(gate!);
                }
            }

            margin = evaluate.Number("beatProductionBy", 0);
        }

        return new EvaluateSettings(metrics, gates, margin);
    }

    private static ApproveSettings ReadApprove(YamlFields root)
    {
        var approve = root.Section("approve", ApproveFields);
        if (approve is null)
        {
            return new ApproveSettings([], TimeSpan.FromHours(72), TimeoutAction.Reject, null, null);
        }

        return new ApproveSettings(
            [.. approve.ScalarList("reviewers").Select(r => r.Value)],
            approve.Duration("timeout") ?? TimeSpan.FromHours(72),
            approve.Enum<TimeoutAction>("onTimeout") ?? TimeoutAction.Reject,
            approve.Duration("remindEvery"),
            approve.Gate("autoApprove"));
    }

    private static DeploySettings ReadDeploy(YamlFields root)
    {
        var deploy = root.Section("deploy", DeployFields);
        if (deploy is null)
        {
            return new DeploySettings(DeployStrategy.Direct, 10, null);
        }

        var strategy = deploy.Enum<DeployStrategy>("strategy") ?? DeployStrategy.Direct;
        var promoteAfter = deploy.Parsed<TimeSpan?>("promoteAfter", text => string.Equals(text, "manual", StringComparison.OrdinalIgnoreCase)
            ? (null, null)
            : Durations.TryParse(text, out var after) ? (after, null) : (null, $"'{text}' is not a duration (e.g. 24h) or 'manual'"));
        return new DeploySettings(strategy, deploy.Integer("canaryPercent", 1, 99) ?? 10, promoteAfter);
    }

    private static MonitorSettings ReadMonitor(YamlFields root)
    {
        var monitor = root.Section("monitor", MonitorFields);
        var drift = monitor?.Section("drift", DriftFields);
        var defaults = new DriftOptions();
        DriftMethod? method = null;
        var options = defaults;
        if (drift is not null)
        {
            method = drift.Parsed<DriftMethod?>("method", text => string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase)
                ? (null, null)
                : DriftMethodNames.TryGetValue(text, out var m) ? (m, null) : (null, $"'{text}' is not a drift method; expected auto, {string.Join(", ", DriftMethodNames.Keys)}"));
            var columns = drift.ScalarList("columns").Select(c => c.Value).ToList();
            options = new DriftOptions
            {
                PValueThreshold = drift.Number("pValue", 1e-12, 0.5) ?? defaults.PValueThreshold,
                DistanceThreshold = drift.Number("distance", 1e-12) ?? defaults.DistanceThreshold,
                DatasetDriftShare = drift.Number("datasetShare", 1e-12, 1) ?? defaults.DatasetDriftShare,
                Columns = columns.Count > 0 ? columns : null,
            };
        }

        return new MonitorSettings(
            monitor?.Boolean("enabled") ?? true,
            monitor?.Duration("every") ?? TimeSpan.FromHours(1),
            method,
            options,
            monitor?.Gate("performance"),
            monitor?.Enum<DriftAction>("onDrift") ?? DriftAction.Notify,
            monitor?.Duration("cooldown") ?? TimeSpan.FromHours(24));
    }

    private static readonly Dictionary<string, DriftMethod> DriftMethodNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ks"] = DriftMethod.KolmogorovSmirnov,
        ["chiSquare"] = DriftMethod.ChiSquare,
        ["zTest"] = DriftMethod.ZTest,
        ["wasserstein"] = DriftMethod.Wasserstein,
        ["jensenShannon"] = DriftMethod.JensenShannon,
        ["psi"] = DriftMethod.Psi,
    };

    private static string Describe(TaskKind task) => task switch
    {
        TaskKind.BinaryClassification => "binary classification",
        TaskKind.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };
}
