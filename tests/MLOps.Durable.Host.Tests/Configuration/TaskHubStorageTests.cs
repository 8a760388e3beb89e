using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MLOps.Durable.Host.Configuration;

namespace MLOps.Durable.Host.Tests.Configuration;

public sealed class TaskHubStorageTests
{
    private const string AccountKey = "c2VjcmV0LWtleS1vZi10aGUtdGVzdC1hY2NvdW50LW5vdC1yZWFsLTAxMjM0NTY3ODk=";

    private static readonly HostPaths Paths = new(Path.Combine(Path.GetTempPath(), "mlops-storage-tests"));

    [Fact]
    public void Resolve_AzureStorageWithoutTheSetting_NamesAzureWebJobsStorageAndTheAzuriteValue()
    {
        var settings = Parse("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage" } } } }""");

        var ex = Assert.Throws<HostConfigurationException>(() => TaskHubStorage.Resolve(Configuration([]), settings, Paths));

        Assert.Contains("storageProvider.type azureStorage reads its connection string from setting 'AzureWebJobsStorage'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("which is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("local.settings.json Values or as an environment variable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"AzureWebJobsStorage\": \"UseDevelopmentStorage=true\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AzureStorageWithEmptyNamedSetting_NamesThatSetting()
    {
        var settings = Parse("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "connectionName": "HUB_STORAGE" } } } }""");

        var ex = Assert.Throws<HostConfigurationException>(() => TaskHubStorage.Resolve(Configuration(new() { ["HUB_STORAGE"] = " " }), settings, Paths));

        Assert.Contains("setting 'HUB_STORAGE' (named by storageProvider.connectionName), which is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"HUB_STORAGE\": \"UseDevelopmentStorage=true\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MalformedConnectionString_NamesTheSettingWithoutEchoingTheValue()
    {
        var settings = Parse("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage" } } } }""");
        var value = $"AccountName=acct;Key={AccountKey}";

        var ex = Assert.Throws<HostConfigurationException>(() => TaskHubStorage.Resolve(Configuration(new() { ["AzureWebJobsStorage"] = value }), settings, Paths));

        Assert.Contains("setting 'AzureWebJobsStorage' (the default when storageProvider.connectionName is not given) is not a storage connection string", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected 'UseDevelopmentStorage=true' (Azurite)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AccountKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DevelopmentStorage_DescribesAzuriteAndKeepsLocalFilesUnderData()
    {
        var settings = Parse("""{ "extensions": { "durableTask": { "hubName": "AzHub", "storageProvider": { "type": "azureStorage", "partitionCount": 2 } } } }""");

        var storage = TaskHubStorage.Resolve(Configuration(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }), settings, Paths);

        Assert.True(storage.IsAzureStorage);
        Assert.Equal(2, storage.PartitionCount);
        Assert.Equal("Azure Storage, Azurite (development storage), blob endpoint http://127.0.0.1:10000/devstoreaccount1, 2 partitions", storage.Description);
        Assert.Equal(Path.Combine(Paths.ContentRoot, ".data", "AzHub.events.jsonl"), storage.LocalFile(".events.jsonl"));
    }

    [Fact]
    public void Resolve_AccountConnectionString_DescribesTheBlobEndpointButNeverTheKey()
    {
        var settings = Parse("""{ "extensions": { "durableTask": { "storageProvider": { "type": "AzureStorage", "connectionStringName": "HUB_STORAGE" } } } }""");
        var value = $"DefaultEndpointsProtocol=https;AccountName=mlopsacct;AccountKey={AccountKey};EndpointSuffix=core.windows.net";

        var storage = TaskHubStorage.Resolve(Configuration(new() { ["HUB_STORAGE"] = value }), settings, Paths);

        Assert.Equal("Azure Storage, blob endpoint https://mlopsacct.blob.core.windows.net/, 4 partitions", storage.Description);
        Assert.Equal(value, storage.ConnectionString);
    }

    [Fact]
    public void Resolve_Sqlite_DefaultsToDataFolderFileNamedAfterTheHub()
    {
        var settings = Parse("""{ "extensions": { "durableTask": { "hubName": "LiteHub" } } }""");

        var storage = TaskHubStorage.Resolve(Configuration([]), settings, Paths);

        Assert.False(storage.IsAzureStorage);
        Assert.Equal(Path.Combine(Paths.ContentRoot, ".data", "LiteHub.db"), storage.SqlitePath);
        Assert.Equal("SQLite, .data/LiteHub.db", storage.Description);
        Assert.Equal(Path.Combine(Paths.ContentRoot, ".data", "LiteHub.registry.db"), storage.LocalFile(".registry.db"));
    }

    [Fact]
    public void Build_AzureStorageWithoutTheNamedSetting_StopsStartupNamingIt()
    {
        var root = Directory.CreateTempSubdirectory("mlops-host-config").FullName;
        File.WriteAllText(Path.Combine(root, "host.json"), """
            { "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "connectionName": "MLOPS_TEST_UNSET_STORAGE" } } } }
            """);
        try
        {
            var ex = Assert.Throws<HostConfigurationException>(() => HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", root]));

            Assert.Contains("setting 'MLOPS_TEST_UNSET_STORAGE' (named by storageProvider.connectionName), which is not set", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Build_PartitionCountOutOfRange_StopsStartupNamingFileAndKey()
    {
        var root = Directory.CreateTempSubdirectory("mlops-host-config").FullName;
        File.WriteAllText(Path.Combine(root, "host.json"), """
            { "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "partitionCount": 32 } } } }
            """);
        try
        {
            var ex = Assert.Throws<HostConfigurationException>(() => HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", root, "--AzureWebJobsStorage", "UseDevelopmentStorage=true"]));

            Assert.Equal(
                $"{Path.Combine(root, "host.json")}: extensions.durableTask.storageProvider.partitionCount: 32 is not valid; expected an integer from 1 to 16.",
                ex.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static HostSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return HostJsonReader.Parse(document.RootElement, "test/host.json");
    }
}
