using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.RetryPolicies;
using Microsoft.WindowsAzure.Storage.Table;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// The clients' own retries: two more attempts 500 ms apart for a transient error, instead of the library's
/// default exponential retry (3 s and more between attempts), which kept one request of a health probe or a
/// worker busy for ~25 s while the account was unreachable. Longer outages are the engine worker's backoff
/// (<c>RetryBackoff</c>): it sees the failure within about a second and decides when to try again.
/// </summary>
internal static class ClientRetry
{
    private static readonly IRetryPolicy Policy = new LinearRetry(TimeSpan.FromMilliseconds(500), 2);

    public static CloudBlobClient CreateBlobClient(CloudStorageAccount account)
    {
        var client = account.CreateCloudBlobClient();
        client.DefaultRequestOptions.RetryPolicy = Policy.CreateInstance();
        return client;
    }

    public static CloudQueueClient CreateQueueClient(CloudStorageAccount account)
    {
        var client = account.CreateCloudQueueClient();
        client.DefaultRequestOptions.RetryPolicy = Policy.CreateInstance();
        return client;
    }

    public static CloudTableClient CreateTableClient(CloudStorageAccount account)
    {
        var client = account.CreateCloudTableClient();
        client.DefaultRequestOptions.RetryPolicy = Policy.CreateInstance();
        return client;
    }
}
