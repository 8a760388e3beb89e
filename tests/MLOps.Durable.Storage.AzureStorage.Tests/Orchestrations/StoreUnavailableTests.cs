using System.Net;
using System.Net.Sockets;
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

    private static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
