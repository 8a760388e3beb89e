using System.Text.Json;
using Microsoft.Extensions.Logging;
using MLOps.Durable.Host.Configuration;

namespace MLOps.Durable.Host.Tests.Configuration;

public sealed class HostJsonReaderTests
{
    [Fact]
    public void Parse_FullDurableSection_ReadsEveryKeyAndIgnoresUnknownOnes()
    {
        var settings = Parse("""
            {
              "version": "2.0",
              "functionTimeout": "00:10:00",
              "logging": { "logLevel": { "default": "Warning", "MLOps.Durable": "Debug" } },
              "extensions": {
                "http": { "routePrefix": "/v1/" },
                "durableTask": {
                  "hubName": "ChurnHub",
                  "storageProvider": { "type": "sqlite", "connectionName": "CHURN_DB" },
                  "maxConcurrentActivityFunctions": 4,
                  "maxConcurrentOrchestratorFunctions": 8,
                  "extendedSessionsEnabled": false,
                  "extendedSessionIdleTimeoutInSeconds": 90,
                  "somethingNew": { "x": 1 }
                }
              }
            }
            """);

        Assert.Equal("ChurnHub", settings.HubName);
        Assert.Equal("sqlite", settings.StorageType);
        Assert.Equal("CHURN_DB", settings.StorageConnectionName);
        Assert.Equal(4, settings.MaxConcurrentActivityFunctions);
        Assert.Equal(8, settings.MaxConcurrentOrchestratorFunctions);
        Assert.False(settings.ExtendedSessionsEnabled);
        Assert.Equal(90, settings.ExtendedSessionIdleTimeoutInSeconds);
        Assert.Equal("v1", settings.RoutePrefix);
        Assert.Equal(LogLevel.Debug, settings.LogLevels["MLOps.Durable"]);
    }

    [Fact]
    public void Parse_Empty_GivesDefaults()
    {
        var settings = Parse("{}");

        Assert.Equal(new HostSettings().HubName, settings.HubName);
        Assert.Equal("api", settings.RoutePrefix);
        Assert.True(settings.ExtendedSessionsEnabled);
    }

    [Theory]
    [InlineData("""{ "extensions": { "durableTask": { "maxConcurrentActivityFunctions": "ten" } } }""", "extensions.durableTask.maxConcurrentActivityFunctions: 'ten'", "an integer >= 1")]
    [InlineData("""{ "extensions": { "durableTask": { "maxConcurrentOrchestratorFunctions": 0 } } }""", "extensions.durableTask.maxConcurrentOrchestratorFunctions: 0", "an integer >= 1")]
    [InlineData("""{ "extensions": { "durableTask": { "hubName": "9lives" } } }""", "extensions.durableTask.hubName: '9lives'", "starting with a letter")]
    [InlineData("""{ "extensions": { "durableTask": { "storageProvider": { "type": "cosmos" } } } }""", "storageProvider.type: 'cosmos'", "sqlite, azureStorage")]
    [InlineData("""{ "extensions": { "durableTask": { "extendedSessionsEnabled": "yes" } } }""", "extendedSessionsEnabled: 'yes'", "true or false")]
    [InlineData("""{ "logging": { "logLevel": { "default": "Loud" } } }""", "logging.logLevel.default: 'Loud'", "Information")]
    public void Parse_InvalidValue_FailsNamingTheKeyValueAndExpectedForm(string json, string named, string expected)
    {
        var ex = Assert.Throws<HostConfigurationException>(() => Parse(json));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("test/host.json: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BrokenJson_FailsWithLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-host.json");
        File.WriteAllText(path, "{\n  \"version\": \"2.0\",\n  \"extensions\": { oops }\n}");
        try
        {
            var ex = Assert.Throws<HostConfigurationException>(() => HostJsonReader.Read(path));

            Assert.StartsWith($"{path}:3:", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Build_InvalidHostJson_StopsStartupNamingTheKey()
    {
        var root = Directory.CreateTempSubdirectory("mlops-host-config").FullName;
        File.WriteAllText(Path.Combine(root, "host.json"), """{ "extensions": { "durableTask": { "maxConcurrentActivityFunctions": -3 } } }""");
        try
        {
            var ex = Assert.Throws<HostConfigurationException>(() => HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", root]));

            Assert.Contains("maxConcurrentActivityFunctions: -3", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static HostSettings Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return HostJsonReader.Parse(document.RootElement, "test/host.json");
    }
}
