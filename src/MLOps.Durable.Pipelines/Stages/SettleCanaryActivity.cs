using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// Promotes the canary to production, or removes it (rollback), when it is still the run's version; a retried
/// activity finds the work done and answers the same.
/// </summary>
[DurableTask(PipelineActivities.SettleCanary)]
public sealed class SettleCanaryActivity(PipelineCatalog catalog, IModelRegistry registry) : TaskActivity<SettleCanaryInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, SettleCanaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Canary.Pipeline);
        var aliases = await registry.GetAliasesAsync(pipeline.Name).ConfigureAwait(false);
        var canary = aliases.FirstOrDefault(a => a.Alias == ModelAliases.Canary);
        var actor = $"pipeline:{input.Canary.RunId}";
        if (input.Promote)
        {
            if (canary?.Version == input.Canary.Version)
            {
                await registry.PromoteCanaryAsync(pipeline.Name, actor, input.Reason).ConfigureAwait(false);
            }

            return aliases.Any(a => a.Alias == ModelAliases.Production && a.Version == input.Canary.Version) || canary?.Version == input.Canary.Version ? "promoted" : "superseded";
        }

        if (canary?.Version == input.Canary.Version)
        {
            await registry.RemoveAliasAsync(pipeline.Name, ModelAliases.Canary, actor, input.Reason).ConfigureAwait(false);
        }

        return "rolled back";
    }
}
