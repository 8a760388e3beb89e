using Microsoft.WindowsAzure.Storage.Blob;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Orchestrations;

/// <summary>Inputs, outputs and activity results far over the queue and table limits go through payload blobs.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LargePayloadTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OneMegabyteInputAndOutput_RoundTripThroughActivityAndHistory()
    {
        var options = azurite.Options(new FakeTimeProvider());
        await using var host = await DurableTestHost.StartAsync(
            _ => new AzureStorageDurableStore(options),
            r => r
                .AddActivityFunc<string, string>("Reverse", (_, text) => new string(text.Reverse().ToArray()))
                .AddOrchestratorFunc<string, string>("Big", async (ctx, text) =>
                {
                    var reversed = await ctx.CallActivityAsync<string>("Reverse", text);
                    return await ctx.CallActivityAsync<string>("Reverse", reversed);
                }),
            options.TimeProvider,
            cancellationToken: TestTimeout.Token());
        var input = string.Concat(Enumerable.Range(0, 1_048_576 / 16).Select(i => $"{i:X15};"));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Big", input);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestTimeout.Token());
        var container = AzureStorageAccount.Parse(azurite.ConnectionString).CreateCloudBlobClient()
            .GetContainerReference($"{options.TaskHubName.ToLowerInvariant()}-largemessages");
        var blobs = await ListAsync(container);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(input, done.ReadInputAs<string>());
        Assert.Equal(input, done.ReadOutputAs<string>());
        Assert.True(input.Length >= 1_048_576, $"input is {input.Length} characters");
        Assert.NotEmpty(blobs);
        Assert.All(blobs, b => Assert.StartsWith(id + "/", b.Name, StringComparison.Ordinal));
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Empty(await ListAsync(container));
    }

    private static async Task<List<CloudBlockBlob>> ListAsync(CloudBlobContainer container)
    {
        var segment = await container.ListBlobsSegmentedAsync(null, true, BlobListingDetails.None, 5000, null, null, null);
        return segment.Results.OfType<CloudBlockBlob>().ToList();
    }
}
