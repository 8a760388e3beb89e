using Microsoft.WindowsAzure.Storage;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Parses the storage connection (a connection string, or <c>UseDevelopmentStorage=true</c> for Azurite on its
/// default ports) into the account the backend talks to; a bad value is an error that names what was expected.
/// </summary>
public static class AzureStorageAccount
{
    /// <summary>The account name of <c>UseDevelopmentStorage=true</c>, the same in every emulator install.</summary>
    private const string DevelopmentAccountName = "devstoreaccount1";

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

    /// <summary>
    /// Where a connection points, fit for a start-up banner or a log line: the blob endpoint, marked as Azurite
    /// for the emulator's well-known development account. It never holds the account key, a SAS token or any
    /// other part of the connection string.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a storage connection string.</exception>
    public static string Describe(string connectionString)
    {
        var account = Parse(connectionString);
        var endpoint = account.BlobEndpoint?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) ?? "(no blob endpoint)";
        return account.Credentials?.AccountName == DevelopmentAccountName
            ? $"Azurite (development storage), blob endpoint {endpoint}"
            : $"blob endpoint {endpoint}";
    }
}
