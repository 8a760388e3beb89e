namespace MLOps.Durable.Pipelines.Tests;

public sealed class ProjectSmokeTests
{
    [Fact]
    public void Assembly_ReferencesEngineAndMl_ButNotTheHost()
    {
        var references = typeof(MLOps.Durable.Pipelines.Definitions.PipelineDefinition).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("MLOps.Durable.Engine", references);
        Assert.DoesNotContain("MLOps.Durable.Host", references);
        Assert.DoesNotContain(references, name => name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
