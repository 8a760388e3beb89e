using MLOps.Durable.Host.Configuration;

namespace MLOps.Durable.Host.Tests.Configuration;

public sealed class LocalSettingsTests
{
    [Fact]
    public async Task Build_LocalSettingsValues_BecomeSettingsButEnvironmentVariablesWin()
    {
        var root = Directory.CreateTempSubdirectory("mlops-local-settings").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), """
            { "IsEncrypted": false, "Values": { "MLOPS_TEST_SHADOWED": "from-file", "MLOPS_TEST_FILE_ONLY": "from-file",
              "MLOPS_SQLITE_PATH": "custom/hub.db" } }
            """);
        Environment.SetEnvironmentVariable("MLOPS_TEST_SHADOWED", "from-environment");
        try
        {
            await using var app = HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", root]);
            await app.StartAsync();

            Assert.Equal("from-environment", app.Configuration["MLOPS_TEST_SHADOWED"]);
            Assert.Equal("from-file", app.Configuration["MLOPS_TEST_FILE_ONLY"]);
            Assert.True(File.Exists(Path.Combine(root, "custom", "hub.db")));
            await app.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("MLOPS_TEST_SHADOWED", null);
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{ "Values": { "PORT": 7071 } }""", "Values.PORT: 7071", "expected a string")]
    [InlineData("""{ "Values": [] }""", "Values must be an object", "")]
    [InlineData("""{ "Host": { "LocalHttpPort": 70000 } }""", "Host.LocalHttpPort: 70000", "1-65535")]
    [InlineData("""{ "Values": { "A": "b" """, "local.settings.json is not valid JSON", "")]
    public void Read_InvalidFile_FailsNamingTheKey(string json, string named, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-local.settings.json");
        File.WriteAllText(path, json);
        try
        {
            var ex = Assert.Throws<HostConfigurationException>(() => LocalSettingsReader.Read(path));

            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
            Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
            Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_ValuesAndPort_AreReturned()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-local.settings.json");
        File.WriteAllText(path, """{ "Values": { "A": "1" }, "Host": { "LocalHttpPort": 7072 } }""");
        try
        {
            var (values, port) = LocalSettingsReader.Read(path);

            Assert.Equal("1", values["A"]);
            Assert.Equal(7072, port);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
