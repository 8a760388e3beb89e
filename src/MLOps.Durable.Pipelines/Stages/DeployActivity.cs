using System.Reflection;
using MLOps.Durable.ML.Onnx;
using MLOps.Durable.ML.Training;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// Stores the approved model and its ONNX export under the run, registers the version (idempotent per run,
/// so a retried or replayed deploy never adds a second one) and points production or canary at it.
/// </summary>
[DurableTask(PipelineActivities.Deploy)]
public sealed class DeployActivity(PipelineCatalog catalog, IArtifactStore artifacts, IModelRegistry registry) : TaskActivity<DeployInput, Deployment>
{
    private static readonly string CodeVersion =
        typeof(DeployActivity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public override async Task<Deployment> RunAsync(TaskActivityContext context, DeployInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Pipeline);
        var json = await artifacts.ReadAllBytesAsync(input.RunId, input.Candidate.ModelArtifact).ConfigureAwait(false);
        var model = TrainedModel.FromJson(System.Text.Encoding.UTF8.GetString(json));
        await artifacts.PutAsync(input.RunId, ArtifactNames.ModelJson, json).ConfigureAwait(false);
        await artifacts.PutAsync(input.RunId, ArtifactNames.Onnx, OnnxModelExporter.Export(model, pipeline.Name)).ConfigureAwait(false);

        var version = await registry.RegisterAsync(new ModelRegistration(pipeline.Name, input.RunId, input.Candidate.Trainer)
        {
            Parameters = input.Candidate.Hyperparameters,
            Metrics = input.Candidate.Metrics,
            Lineage = new ModelLineage(input.Data.DatasetHash, input.Data.SchemaVersion, input.Data.SchemaHash, CodeVersion, pipeline.Name),
            Artifacts = new ModelArtifacts($"{input.RunId}/{ArtifactNames.ModelJson}", $"{input.RunId}/{ArtifactNames.Onnx}"),
        }).ConfigureAwait(false);

        var actor = $"pipeline:{input.RunId}";
        var reason = $"approved by {input.ApprovedBy}";
        var hasProduction = (await registry.GetAliasesAsync(pipeline.Name).ConfigureAwait(false)).Any(a => a.Alias == ModelAliases.Production);
        var canary = pipeline.Deploy.Strategy == DeployStrategy.Canary && hasProduction;
        // A first deployment has nothing to share traffic with: it goes straight to production.
        var alias = await registry.SetAliasAsync(canary
            ? new AliasAssignment(pipeline.Name, ModelAliases.Canary, version.Version, actor, reason, pipeline.Deploy.CanaryPercent)
            : new AliasAssignment(pipeline.Name, ModelAliases.Production, version.Version, actor, reason)).ConfigureAwait(false);
        return new Deployment(version.Version, alias.Alias, alias.TrafficPercent, [ArtifactNames.ModelJson, ArtifactNames.Onnx]);
    }
}
