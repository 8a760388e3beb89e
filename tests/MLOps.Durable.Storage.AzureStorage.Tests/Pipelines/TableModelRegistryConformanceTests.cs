using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Tests.Registry;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Pipelines;

/// <summary>The model registry conformance suite, unchanged, on a table in a real Azurite; a fresh hub (table) per test.</summary>
public sealed class TableModelRegistryConformanceTests(AzuriteFixture azurite) : ModelRegistryConformanceSuite, IClassFixture<AzuriteFixture>
{
    protected override Task<IModelRegistry> CreateRegistryAsync(TimeProvider time) =>
        Task.FromResult(AzurePipelineStores.CreateRegistry(azurite.Account, AzuriteFixture.NewHubName(), time));
}
