using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Tests.Artifacts;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Pipelines;

/// <summary>The artifact store conformance suite, unchanged, on blobs in a real Azurite; a fresh hub (container) per test.</summary>
public sealed class BlobArtifactStoreConformanceTests(AzuriteFixture azurite) : ArtifactStoreConformanceSuite, IClassFixture<AzuriteFixture>
{
    protected override Task<IArtifactStore> CreateStoreAsync() =>
        Task.FromResult(AzurePipelineStores.CreateArtifactStore(azurite.Account, AzuriteFixture.NewHubName()));
}
