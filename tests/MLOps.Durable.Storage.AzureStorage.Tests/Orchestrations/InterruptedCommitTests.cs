using System.Text.Json;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.History;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Orchestrations;

/// <summary>A worker that died between the history batch and the end of the commit: the next owner finishes it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InterruptedCommitTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DirtySentinel_OnlyDuplicatesRedelivered_NextOwnerSendsTheOutboxAndDropsThem()
    {
        var ct = TestTimeout.Token();
        var options = azurite.Options();
        options.PartitionCount = 1;
        await using (var first = new AzureStorageDurableStore(options))
        {
            foreach (var id in new[] { "sender", "target" })
            {
                await first.CreateInstanceAsync(new InstanceCreation(new ExecutionStarted(DateTimeOffset.UtcNow, "Any", id, $"{id}-e1", null)), ct);
            }

            foreach (var item in await first.LockNextOrchestrationsAsync(10, Lock, ct))
            {
                await first.CompleteOrchestrationAsync(item, new OrchestrationEpisode
                {
                    ExecutionId = item.Instance.ExecutionId,
                    NewHistory = [item.Messages[0].Event],
                    Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, null, null),
                }, ct);
            }
        }

        // As if the sender's last commit wrote its history batch and died: sentinel dirty with an unsent outbox, and the
        // message it consumed back in the queue (its id is in the sentinel's consumed list).
        var account = AzureStorageAccount.Parse(azurite.ConnectionString);
        var history = account.CreateCloudTableClient().GetTableReference(options.TaskHubName + "History");
        var sentinel = (DynamicTableEntity)(await history.ExecuteAsync(TableOperation.Retrieve("sender", "sentinel"))).Result;
        var outbox = new Outbox([new OutboundEnvelope(new ControlEnvelope("sent-once", "target", [new EnvelopeEvent(null, new EventRaised(DateTimeOffset.UtcNow, "ping", "1"))]), null)], [], []);
        sentinel.Properties["Dirty"] = new EntityProperty(true);
        sentinel.Properties["Outbox"] = new EntityProperty(JsonSerializer.Serialize(outbox, HistorySerializer.Options));
        await history.ExecuteAsync(TableOperation.Replace(sentinel));
        var control = account.CreateCloudQueueClient().GetQueueReference($"{options.TaskHubName.ToLowerInvariant()}-control-00");
        var duplicate = new ControlEnvelope("start-sender-e1", "sender", [new EnvelopeEvent("sender-e1", new ExecutionStarted(DateTimeOffset.UtcNow, "Any", "sender", "sender-e1", null))]);
        await control.AddMessageAsync(new CloudQueueMessage(JsonSerializer.Serialize(duplicate, HistorySerializer.Options)));

        await using var next = new AzureStorageDurableStore(options);
        OrchestrationWorkItem? delivered = null;
        while (delivered is null)
        {
            var items = await next.LockNextOrchestrationsAsync(10, Lock, ct);
            Assert.DoesNotContain(items, i => i.Instance.InstanceId == "sender");
            delivered = items.SingleOrDefault(i => i.Instance.InstanceId == "target");
        }

        var recovered = InstanceState.FromEntity((DynamicTableEntity)(await history.ExecuteAsync(TableOperation.Retrieve("sender", "sentinel"))).Result);
        Assert.Equal("ping", Assert.IsType<EventRaised>(Assert.Single(delivered.Messages).Event).Name);
        Assert.False(recovered.Dirty);
        Assert.Null(recovered.Outbox);
        Assert.Empty(await control.GetMessagesAsync(32, null, null, null, ct));
    }
}
