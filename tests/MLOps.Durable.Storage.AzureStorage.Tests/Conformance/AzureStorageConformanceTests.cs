using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing.Conformance;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Conformance;

/// <summary>The engine conformance suite, unchanged, on a real Azurite: one fresh task hub per store.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageConformanceTests(AzuriteFixture azurite) : EngineConformanceSuite
{
    protected override IDurableStore CreateStore(TimeProvider time) => new AzureStorageDurableStore(azurite.Options(time));
}
