using Microsoft.WindowsAzure.Storage;
using MLOps.Durable.Testing;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Testing;

/// <summary>
/// A real Azurite: shared by the tests of the <see cref="AzuriteCollection"/>, or one per class as a class fixture.
/// Each test uses its own task hub on it.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>The emulator's account, for tests that look at its queues, tables and blobs directly.</summary>
    public CloudStorageAccount Account => AzureStorageAccount.Parse(ConnectionString);

    /// <summary>A task hub name no other test uses.</summary>
    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Options for a fresh hub on this Azurite.</summary>
    public AzureStorageOptions Options(TimeProvider? time = null, string? hub = null) => new()
    {
        ConnectionString = ConnectionString,
        TaskHubName = hub ?? NewHubName(),
        TimeProvider = time,
        LeaseDuration = AzureStorageOptions.MinLeaseDuration,
    };

    public async Task InitializeAsync() => _azurite = await AzuriteProcess.StartAsync(TestTimeout.Token());

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
