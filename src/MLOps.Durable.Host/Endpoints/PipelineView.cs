using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>JSON shapes of pipelines for the API: durations as definitions write them, paths relative to the content root.</summary>
internal static class PipelineView
{
    public static object Summary(PipelineDefinition p, HostPaths paths) => new
    {
        name = p.Name,
        description = p.Description,
        trainer = TrainerCatalog.Name(p.Train.Trainer),
        task = p.Data.Task?.ToString(),
        candidates = p.Train.Candidates().Count,
        approval = p.Approve.Required,
        schedule = p.Schedule,
        file = paths.Relative(p.SourceFile),
    };

    public static object Full(PipelineDefinition p, HostPaths paths) => new
    {
        name = p.Name,
        description = p.Description,
        file = paths.Relative(p.SourceFile),
        data = new
        {
            source = p.Data.IsRemote ? p.Data.Source : paths.Relative(p.Data.Source),
            target = p.Data.Target,
            task = p.Data.Task?.ToString(),
            schema = p.Data.SchemaFile is null ? "infer" : paths.Relative(p.Data.SchemaFile),
        },
        train = new
        {
            trainer = TrainerCatalog.Name(p.Train.Trainer),
            hyperparameters = p.Train.Hyperparameters,
            sweep = p.Train.Sweep,
            candidates = p.Train.Candidates(),
            testFraction = p.Train.TestFraction,
            stratify = p.Train.Stratify,
            seed = p.Train.Seed,
        },
        evaluate = new
        {
            metrics = p.Evaluate.Metrics,
            gates = p.Evaluate.Gates.Select(g => g.ToString()),
            beatProductionBy = p.Evaluate.BeatProductionBy,
        },
        approve = new
        {
            reviewers = p.Approve.Reviewers,
            timeout = Durations.Format(p.Approve.Timeout),
            onTimeout = Lower(p.Approve.OnTimeout),
            remindEvery = p.Approve.RemindEvery is { } remind ? Durations.Format(remind) : null,
            autoApprove = p.Approve.AutoApprove?.ToString(),
        },
        deploy = new
        {
            strategy = Lower(p.Deploy.Strategy),
            canaryPercent = p.Deploy.CanaryPercent,
            promoteAfter = p.Deploy.PromoteAfter is { } after ? Durations.Format(after) : "manual",
        },
        monitor = new
        {
            enabled = p.Monitor.Enabled,
            every = Durations.Format(p.Monitor.Every),
            method = p.Monitor.Method?.ToString() ?? "auto",
            pValue = p.Monitor.Drift.PValueThreshold,
            distance = p.Monitor.Drift.DistanceThreshold,
            datasetShare = p.Monitor.Drift.DatasetDriftShare,
            performance = p.Monitor.Performance?.ToString(),
            onDrift = Lower(p.Monitor.OnDrift),
            cooldown = Durations.Format(p.Monitor.Cooldown),
        },
        schedule = p.Schedule,
    };

    public static object Error(DefinitionError e, HostPaths paths) => new
    {
        file = paths.Relative(e.File),
        line = e.Line,
        column = e.Column,
        field = e.Field,
        message = e.Message,
        text = $"{paths.Relative(e.File)}:{e.Line}:{e.Column}: {e.Field}: {e.Message}",
    };

    private static string Lower<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}
