using System.Net;
using System.Net.Sockets;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Orchestrations;

/// <summary>A storage account that cannot be reached is reported as such, naming the endpoint and what to do.</summary>
public sealed class StoreUnavailableTests
{
    [Fact]
    public async Task Initialize_NothingListening_ThrowsStoreUnavailableNamingTheEndpoint()
    {
        var port = ClosedPort();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={MLOps.Durable.Testing.Azurite.AzuriteProcess.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        await using var store = new AzureStorageDurableStore(new AzureStorageOptions { ConnectionString = connection });

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.InitializeAsync(TestTimeout.Token()));

        Assert.Contains($"http://127.0.0.1:{port}/devstoreaccount1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Start Azurite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineStores_NothingListening_ThrowStoreUnavailableSoTheWorkerWaitsInsteadOfFailingTheActivity()
    {
        var port = ClosedPort();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={MLOps.Durable.Testing.Azurite.AzuriteProcess.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var artifacts = AzurePipelineStores.CreateArtifactStore(connection, "Outage");
        var registry = AzurePipelineStores.CreateRegistry(connection, "Outage");

        var put = await Assert.ThrowsAsync<StoreUnavailableException>(() => artifacts.PutAsync("run-1", "model.json", new MemoryStream([1, 2, 3]), TestTimeout.Token()));
        var read = await Assert.ThrowsAsync<StoreUnavailableException>(() => registry.GetVersionsAsync("iris", TestTimeout.Token()));

        Assert.Contains($"http://127.0.0.1:{port}/devstoreaccount1", put.Message, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{port}/devstoreaccount1", read.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
