using Microsoft.WindowsAzure.Storage;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Parses the storage connection (a connection string, or <c>UseDevelopmentStorage=true</c> for Azurite on its
/// default ports) into the account the backend talks to; a bad value is an error that names what was expected.
/// </summary>
public static class AzureStorageAccount
{
    /// <exception cref="ArgumentException">The text is not a storage connection string.</exception>
    public static CloudStorageAccount Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!CloudStorageAccount.TryParse(connectionString, out var account))
        {
            throw new ArgumentException(
                "The storage connection is not a connection string; expected 'UseDevelopmentStorage=true' (Azurite) or " +
                "'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...'.", nameof(connectionString));
        }

        return account;
    }
}
