using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Queue;
using MLOps.Durable.History;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Orchestrations;

/// <summary>Messages that never complete end in the poison queue, and their instance fails naming them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PoisonMessageTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StartMessage_AbandonedEveryTime_MovesToPoisonQueueAndFailsTheInstance()
    {
        var ct = TestTimeout.Token();
        var options = azurite.Options();
        options.MaxDequeueCount = 3;
        await using var store = new AzureStorageDurableStore(options);
        await store.CreateInstanceAsync(new InstanceCreation(new ExecutionStarted(DateTimeOffset.UtcNow, "Broken", "poisoned", "e1", null)), ct);

        // A worker whose episode keeps throwing abandons the work item each time.
        var deliveries = 0;
        while ((await store.GetInstanceAsync("poisoned", false, ct))!.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            foreach (var item in await store.LockNextOrchestrationsAsync(10, Lock, ct))
            {
                deliveries++;
                await store.AbandonOrchestrationAsync(item, ct);
            }
        }

        var instance = (await store.GetInstanceAsync("poisoned", false, ct))!;
        var poison = await PoisonQueue(options.TaskHubName).GetMessagesAsync(32, null, null, null, ct);
        var record = JsonDocument.Parse(Assert.Single(poison).AsString).RootElement;

        Assert.Equal(3, deliveries);
        Assert.Equal("PoisonMessage", instance.FailureDetails!.ErrorType);
        Assert.Contains(record.GetProperty("messageId").GetString()!, instance.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"{options.TaskHubName.ToLowerInvariant()}-poison", instance.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("poisoned", record.GetProperty("instanceId").GetString());
        Assert.IsType<ExecutionFailed>((await store.GetHistoryAsync("poisoned", ct))[^1]);
    }

    [Fact]
    public async Task UnreadableMessage_AfterTheDeliveryLimit_MovesToPoisonQueueAndFailsTheInstanceItNames()
    {
        var ct = TestTimeout.Token();
        var options = azurite.Options();
        options.MaxDequeueCount = 2;
        await using var store = new AzureStorageDurableStore(options);
        await store.CreateInstanceAsync(new InstanceCreation(new ExecutionStarted(DateTimeOffset.UtcNow, "Waiting", "garbled", "e1", null)), ct);
        var first = Assert.Single(await store.LockNextOrchestrationsAsync(10, Lock, ct));
        await store.CompleteOrchestrationAsync(first, new OrchestrationEpisode
        {
            ExecutionId = "e1",
            NewHistory = [first.Messages[0].Event],
            Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, null, null),
        }, ct);

        // An event type no build knows: the body cannot be read, whatever the worker does.
        var partition = AzureStorageDurableStore.PartitionOf("garbled", options.PartitionCount);
        var control = Queues().GetQueueReference($"{options.TaskHubName.ToLowerInvariant()}-control-{partition:D2}");
        await control.AddMessageAsync(new CloudQueueMessage("""{"id":"bad-1","instanceId":"garbled","events":[{"event":{"eventType":"NoSuchEvent"}}]}"""), null, null, null, null, ct);

        while ((await store.GetInstanceAsync("garbled", false, ct))!.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            Assert.Empty(await store.LockNextOrchestrationsAsync(10, Lock, ct));
        }

        var instance = (await store.GetInstanceAsync("garbled", false, ct))!;
        var poison = Assert.Single(await PoisonQueue(options.TaskHubName).GetMessagesAsync(32, null, null, null, ct));

        Assert.Contains("could not be read", instance.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("NoSuchEvent", poison.AsString, StringComparison.Ordinal);
        Assert.Empty(await control.GetMessagesAsync(32, null, null, null, ct));
    }

    private CloudQueue PoisonQueue(string hub) => Queues().GetQueueReference($"{hub.ToLowerInvariant()}-poison");

    private CloudQueueClient Queues() => AzureStorageAccount.Parse(azurite.ConnectionString).CreateCloudQueueClient();
}
