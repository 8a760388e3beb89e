using MLOps.Durable.Storage.AzureStorage.Pipelines;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Pipelines;

/// <summary>What the factory checks before any request: the hub name must form a container and a table name, the connection must parse.</summary>
public sealed class AzurePipelineStoresTests
{
    private const string Connection = "UseDevelopmentStorage=true";

    [Theory]
    [InlineData("my_hub", "'_' is not allowed")]
    [InlineData("-hub", "it starts with '-'")]
    [InlineData("my--hub", "it contains '--'")]
    [InlineData("Hüb", "'ü' is not allowed")]
    [InlineData("hub\n", "'\\u000a' is not allowed")]
    [InlineData("", "it is 0 characters long")]
    [InlineData("a23456789012345678901234567890123456789012345678901234", "it is 54 characters long")]
    public void CreateArtifactStore_HubNameThatCannotNameAContainer_ThrowsNamingHubContainerAndRule(string hubName, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => AzurePipelineStores.CreateArtifactStore(Connection, hubName));

        Assert.Equal("hubName", error.ParamName);
        Assert.Contains("cannot name the artifact container '", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a hub name of 1-53 ASCII letters, digits or single hyphens, starting with a letter or digit (e.g. 'MLOpsHub')", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("my-hub", "'-' is not allowed")]
    [InlineData("9lives", "it does not start with a letter")]
    [InlineData("a23456789012345678901234567890123456789012345678901", "it is 51 characters long")]
    public void CreateRegistry_HubNameThatCannotNameATable_ThrowsNamingHubTableAndRule(string hubName, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => AzurePipelineStores.CreateRegistry(Connection, hubName));

        Assert.Equal("hubName", error.ParamName);
        Assert.Contains($"hubName: '{hubName}' cannot name the registry table '{hubName}ModelRegistry': {problem}", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a hub name of 1-50 ASCII letters or digits, starting with a letter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MLOpsHub", "mlopshub-artifacts", "MLOpsHubModelRegistry")]
    [InlineData("a2345678901234567890123456789012345678901234567890", "a2345678901234567890123456789012345678901234567890-artifacts", "a2345678901234567890123456789012345678901234567890ModelRegistry")]
    public void Names_HostHubNames_FormContainerAndTable(string hubName, string container, string table)
    {
        Assert.Equal((container, table), (PipelineStoreNames.ArtifactContainer(hubName), PipelineStoreNames.RegistryTable(hubName)));
    }

    [Fact]
    public void CreateRegistry_NotAConnectionString_ThrowsNamingTheConnection()
    {
        var error = Assert.Throws<ArgumentException>(() => AzurePipelineStores.CreateRegistry("https://example.org", "MLOpsHub"));

        Assert.Equal("connectionString", error.ParamName);
    }
}
