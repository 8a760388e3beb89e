using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Tests.Registry;

/// <summary>The registry conformance suite on the in-memory registry.</summary>
public sealed class InMemoryModelRegistryTests : ModelRegistryConformanceSuite
{
    protected override Task<IModelRegistry> CreateRegistryAsync(TimeProvider time) => Task.FromResult<IModelRegistry>(new InMemoryModelRegistry(time));
}
