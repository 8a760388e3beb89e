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
                  "lockTimeoutInSeconds": 5,
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
        Assert.Equal(5, settings.LockTimeoutInSeconds);
        Assert.Equal("v1", settings.RoutePrefix);
        Assert.Equal(LogLevel.Debug, settings.LogLevels["MLOps.Durable"]);
    }

    [Fact]
    public void Parse_AzureStorageProvider_ReadsTypeConnectionStringNameAndPartitionCount()
    {
        var settings = Parse("""
            { "extensions": { "durableTask": { "hubName": "Hub456789012345678901234567890123456789012345",
              "storageProvider": { "type": "azureStorage", "connectionStringName": "MY_STORAGE", "partitionCount": 16 } } } }
            """);

        Assert.Equal(("azureStorage", "MY_STORAGE", 16), (settings.StorageType, settings.StorageConnectionName, settings.PartitionCount));
        Assert.Equal(45, settings.HubName.Length);
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
    [InlineData("""{ "extensions": { "durableTask": { "lockTimeoutInSeconds": 0 } } }""", "extensions.durableTask.lockTimeoutInSeconds: 0", "an integer from 1 to 3600")]
    [InlineData("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "partitionCount": 17 } } } }""", "extensions.durableTask.storageProvider.partitionCount: 17", "an integer from 1 to 16")]
    [InlineData("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "partitionCount": 0 } } } }""", "extensions.durableTask.storageProvider.partitionCount: 0", "an integer from 1 to 16")]
    [InlineData("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "partitionCount": "four" } } } }""", "storageProvider.partitionCount: 'four'", "an integer from 1 to 16")]
    [InlineData("""{ "extensions": { "durableTask": { "storageProvider": { "type": "azureStorage", "connectionName": "" } } } }""", "storageProvider.connectionName: ''", "the name of a setting")]
    [InlineData("""{ "extensions": { "durableTask": { "hubName": "Hub4567890123456789012345678901234567890123456", "storageProvider": { "type": "azureStorage" } } } }""",
        "extensions.durableTask.hubName: 'Hub4567890123456789012345678901234567890123456'", "3-45 letters or digits, starting with a letter, with storageProvider.type azureStorage")]
    [InlineData("""{ "mlops": { "eventSubscriptions": [ { "name": "hook", "endpoint": "ftp://x" } ] } }""", "mlops.eventSubscriptions[0].endpoint: 'ftp://x'", "an absolute http(s) URL")]
    [InlineData("""{ "mlops": { "eventSubscriptions": [ { "name": "hook", "endpoint": "http://x", "types": ["Run.Done"] } ] } }""", "mlops.eventSubscriptions[0].types: 'Run.Done'", "MLOps.Run.Started")]
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

    [Fact]
    public void Parse_Timers_ReadsScheduleZoneStartupOrchestratorAndInput()
    {
        var settings = Parse("""
            { "mlops": { "timers": [
              { "name": "NightlyRetrain", "schedule": "0 0 2 * * *", "timeZone": "Europe/Berlin", "runOnStartup": true,
                "orchestrator": "TrainingRun", "input": { "dataset": "iris.csv" } },
              { "name": "Hourly", "schedule": "0 0 * * * *", "orchestrator": "Hello" } ] } }
            """);

        var nightly = settings.Timers[0];
        Assert.Equal(("NightlyRetrain", "0 0 2 * * *", "Europe/Berlin", true, "TrainingRun"),
            (nightly.Name, nightly.Schedule, nightly.TimeZone, nightly.RunOnStartup, nightly.Orchestrator));
        Assert.Equal("iris.csv", nightly.Input!.Value.GetProperty("dataset").GetString());
        Assert.Equal(("UTC", false, (JsonElement?)null), (settings.Timers[1].TimeZone, settings.Timers[1].RunOnStartup, settings.Timers[1].Input));
    }

    [Theory]
    [InlineData("""{ "name": "T", "schedule": "0 0 2 * *", "orchestrator": "X" }""", "mlops.timers[0].schedule: '0 0 2 * *'", "six-field NCRONTAB")]
    [InlineData("""{ "name": "T", "schedule": "0 0 2 * * *", "timeZone": "Mars/Olympus", "orchestrator": "X" }""", "mlops.timers[0].timeZone: 'Mars/Olympus'", "IANA")]
    [InlineData("""{ "name": "T", "schedule": "0 0 2 * * *" }""", "mlops.timers[0].orchestrator", "missing")]
    [InlineData("""{ "schedule": "0 0 2 * * *", "orchestrator": "X" }""", "mlops.timers[0].name", "missing")]
    public void Parse_InvalidTimer_FailsNamingTheTimerKey(string timer, string named, string expected)
    {
        var ex = Assert.Throws<HostConfigurationException>(() => Parse($$"""{ "mlops": { "timers": [ {{timer}} ] } }"""));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TimerForUnknownOrchestrator_StopsStartupNamingIt()
    {
        var root = Directory.CreateTempSubdirectory("mlops-host-config").FullName;
        File.WriteAllText(Path.Combine(root, "host.json"), """{ "mlops": { "timers": [ { "name": "T", "schedule": "0 0 2 * * *", "orchestrator": "Ghost" } ] } }""");
        try
        {
            var ex = Assert.Throws<HostConfigurationException>(() => HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", root]));

            Assert.Contains("'Ghost' is not a registered orchestrator", ex.Message, StringComparison.Ordinal);
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
