using Microsoft.WindowsAzure.Storage;
using MLOps.Durable.Testing;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Pipelines;

/// <summary>One Azurite per test class (an xUnit class fixture); each test takes a fresh hub name so it sees only its own container and table.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public CloudStorageAccount Account { get; private set; } = null!;

    /// <summary>A hub name no other test uses: a letter and 32 hex digits (valid for containers and tables alike).</summary>
    public static string NewHubName() => "T" + Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(TestTimeout.Token());
        Account = AzureStorageAccount.Parse(_azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
