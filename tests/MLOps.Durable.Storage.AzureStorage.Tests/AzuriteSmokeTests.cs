using System.Text;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Storage.AzureStorage;
using MLOps.Durable.Testing;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Storage.AzureStorage.Tests;

/// <summary>A real Azurite process, started by the test: the client library the backend will use talks to all three services.</summary>
public sealed class AzuriteSmokeTests
{
    [Fact]
    public async Task Azurite_QueuesTablesAndBlobs_RoundTripThroughWindowsAzureStorage()
    {
        await using var azurite = await AzuriteProcess.StartAsync(TestTimeout.Token());
        var account = AzureStorageAccount.Parse(azurite.ConnectionString);

        var queue = account.CreateCloudQueueClient().GetQueueReference("control-00");
        await queue.CreateIfNotExistsAsync();
        await queue.AddMessageAsync(new CloudQueueMessage("hello"));
        var message = await queue.GetMessageAsync();

        var table = account.CreateCloudTableClient().GetTableReference("History");
        await table.CreateIfNotExistsAsync();
        await table.ExecuteAsync(TableOperation.Insert(new DynamicTableEntity("instance-1", "0000000001") { Properties = { ["EventType"] = new EntityProperty("ExecutionStarted") } }));
        var row = (DynamicTableEntity)(await table.ExecuteAsync(TableOperation.Retrieve("instance-1", "0000000001"))).Result;

        var container = account.CreateCloudBlobClient().GetContainerReference("payloads");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlockBlobReference("instance-1/input.json");
        await blob.UploadTextAsync("{\"big\":true}");
        var text = await blob.DownloadTextAsync(Encoding.UTF8, null, null, null);

        Assert.Equal("hello", message.AsString);
        Assert.Equal("ExecutionStarted", row.Properties["EventType"].StringValue);
        Assert.Equal("{\"big\":true}", text);
    }

    [Fact]
    public void Parse_NotAConnectionString_SaysWhatIsExpected()
    {
        var error = Assert.Throws<ArgumentException>(() => AzureStorageAccount.Parse("https://example.org"));

        Assert.Contains("UseDevelopmentStorage=true", error.Message, StringComparison.Ordinal);
    }
}
