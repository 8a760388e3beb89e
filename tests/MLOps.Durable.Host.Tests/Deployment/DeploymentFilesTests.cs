using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MLOps.Durable.Host.Configuration;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Pipelines.Approvals;
using YamlDotNet.RepresentationModel;

namespace MLOps.Durable.Host.Tests.Deployment;

/// <summary>
/// The Azure deployment files (azure.yaml, infra/, Dockerfile, deploy/host.json) checked against the repository and
/// the host's own code, since neither azd, Bicep nor a Docker daemon runs here: the paths they name exist, every
/// setting the container app sets is one the host reads, and the image's host.json selects Azure Storage.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = RepositoryPaths.Root();

    /// <summary>The settings the host reads, from the constants the host reads them by.</summary>
    private static readonly HashSet<string> HostSettingNames = new(StringComparer.Ordinal)
    {
        TaskHubStorage.DefaultAzureStorageSetting,
        HostApplication.EventGridEndpointSetting,
        HostApplication.EventGridKeySetting,
        HostApplication.ManagementAuthLevelSetting,
        FunctionKeyProvider.MasterKeySetting,
        FunctionKeyProvider.FunctionKeySetting,
        ApprovalSigningKeyProvider.Setting,
    };

    [Fact]
    public void AzureYaml_HostService_NamesTheHostProjectAndTheDockerfile()
    {
        var service = (YamlMappingNode)Mapping(LoadYaml("azure.yaml"), "services")[new YamlScalarNode("host")];

        var project = Path.GetFullPath(Scalar(service, "project"), Root);
        var docker = (YamlMappingNode)service[new YamlScalarNode("docker")];
        Assert.Equal("containerapp", Scalar(service, "host"));
        Assert.Equal("dotnet", Scalar(service, "language"));
        Assert.True(File.Exists(Path.Combine(project, "MLOps.Durable.Host.csproj")), $"azure.yaml: services.host.project {project} holds no host project");
        // azd resolves docker.path and docker.context against the project folder.
        Assert.Equal(Path.Combine(Root, "Dockerfile"), Path.GetFullPath(Scalar(docker, "path"), project));
        Assert.Equal(Root.TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(Scalar(docker, "context"), project).TrimEnd(Path.DirectorySeparatorChar));
        var infra = LoadYaml("azure.yaml")[new YamlScalarNode("infra")];
        Assert.True(File.Exists(Path.Combine(Root, Scalar((YamlMappingNode)infra, "path"), Scalar((YamlMappingNode)infra, "module") + ".bicep")));
    }

    [Fact]
    public void MainBicep_Modules_Exist()
    {
        var main = File.ReadAllText(Path.Combine(Root, "infra", "main.bicep"));

        var modules = ModuleReference().Matches(main).Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("modules/host.bicep", modules);
        Assert.All(modules, module => Assert.True(File.Exists(Path.Combine(Root, "infra", module)), $"infra/main.bicep: module '{module}' does not exist"));
    }

    [Fact]
    public void MainParameters_RequiredParameters_AreAllGiven()
    {
        var main = File.ReadAllText(Path.Combine(Root, "infra", "main.bicep"));
        var given = File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json"));

        var required = ParameterDeclaration().Matches(main).Where(m => !m.Groups[2].Success).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(required);
        Assert.All(required, name => Assert.Contains($"\"{name}\":", given, StringComparison.Ordinal));
    }

    [Fact]
    public void HostBicep_ContainerEnv_SetsOnlySettingsTheHostReads()
    {
        var bicep = File.ReadAllText(Path.Combine(Root, "infra", "modules", "host.bicep"));

        var names = EntryName().Matches(Block(bicep, "env")).Select(m => m.Groups[1].Value).ToList();

        Assert.All(names, name => Assert.Contains(name, HostSettingNames));
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        // The ones the deployment cannot work without: the task hub's account and the Event Grid topic.
        var connection = HostJsonReader.Read(Path.Combine(Root, "deploy", "host.json")).StorageConnectionName ?? TaskHubStorage.DefaultAzureStorageSetting;
        Assert.Contains(connection, names);
        Assert.Contains(HostApplication.EventGridEndpointSetting, names);
        Assert.Contains(HostApplication.EventGridKeySetting, names);
    }

    [Fact]
    public void HostBicep_SecretRefs_NameDeclaredSecretsAndCarryEveryKey()
    {
        var bicep = File.ReadAllText(Path.Combine(Root, "infra", "modules", "host.bicep"));

        var secrets = EntryName().Matches(Block(bicep, "secrets")).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var env = Block(bicep, "env");
        var references = SecretReference().Matches(env).Select(m => m.Groups[1].Value).ToList();

        Assert.All(references, reference => Assert.Contains(reference, secrets));
        // Keys and the connection string never go in as plain values.
        foreach (var secretSetting in new[]
                 {
                     TaskHubStorage.DefaultAzureStorageSetting, HostApplication.EventGridKeySetting, FunctionKeyProvider.MasterKeySetting,
                     FunctionKeyProvider.FunctionKeySetting, ApprovalSigningKeyProvider.Setting,
                 })
        {
            Assert.Matches($"name: '{secretSetting}'\\s+secretRef: '", env);
        }
    }

    [Fact]
    public void HostBicep_StorageConnectionString_IsOneTheHostAccepts()
    {
        var bicep = File.ReadAllText(Path.Combine(Root, "infra", "modules", "host.bicep"));
        var template = ConnectionStringTemplate().Match(bicep);
        Assert.True(template.Success, "infra/modules/host.bicep: no storageConnectionString variable");

        // Bicep interpolations replaced by values of the kind Azure returns.
        var connectionString = Interpolation().Replace(template.Groups[1].Value, m => m.Value switch
        {
            _ when m.Value.Contains("listKeys", StringComparison.Ordinal) => Convert.ToBase64String(new byte[64]),
            _ when m.Value.Contains("suffixes.storage", StringComparison.Ordinal) => "core.windows.net",
            _ => "stmlopsdurable",
        });
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create(TaskHubStorage.DefaultAzureStorageSetting, (string?)connectionString)])
            .Build();
        var storage = TaskHubStorage.Resolve(configuration, HostJsonReader.Read(Path.Combine(Root, "deploy", "host.json")), new HostPaths(Root));

        Assert.True(storage.IsAzureStorage);
        Assert.Contains("https://stmlopsdurable.blob.core.windows.net", storage.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void DeployHostJson_HostJsonReader_SelectsAzureStorage()
    {
        var settings = HostJsonReader.Read(Path.Combine(Root, "deploy", "host.json"));
        var development = HostJsonReader.Read(Path.Combine(Root, "host.json"));

        Assert.Equal(HostJsonReader.AzureStorageType, settings.StorageType);
        Assert.Equal(development.HubName, settings.HubName);
        Assert.Equal(development.RoutePrefix, settings.RoutePrefix);
    }

    [Fact]
    public void Dockerfile_CopySources_ExistAndAreNotIgnored()
    {
        var instructions = DockerfileInstructions();
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Replace("**/", string.Empty, StringComparison.Ordinal).TrimEnd('/'))
            .ToList();

        var copies = instructions.Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from=", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var arguments = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1].Where(a => !a.StartsWith("--", StringComparison.Ordinal));
            foreach (var source in arguments)
            {
                var path = Path.Combine(Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"Dockerfile: {copy}: '{source}' does not exist");
                Assert.DoesNotContain(source.TrimEnd('/'), ignored);
            }
        }
    }

    [Fact]
    public void Dockerfile_Image_UsesDeployHostJsonWorkflowsAndTheOnnxRuntimeItCopies()
    {
        var instructions = DockerfileInstructions();

        Assert.Contains("COPY deploy/host.json host.json", instructions);
        Assert.Contains("COPY workflows/ workflows/", instructions);
        var runtimeCopy = Assert.Single(instructions, i => i.StartsWith("COPY --from=onnxruntime ", StringComparison.Ordinal));
        var libraryInImage = runtimeCopy.Split(' ')[^1];
        Assert.Contains(instructions, i => i.StartsWith("ENV ", StringComparison.Ordinal) && i.Contains($"MLOPS_ONNXRUNTIME_PATH={libraryInImage}", StringComparison.Ordinal));
        // The npm stage copies the library from where the pinned onnxruntime-node keeps it; the local install of the
        // same package-lock.json (which the ML tests load) shows that path is right.
        var npmPath = NpmLibraryPath().Match(string.Join('\n', instructions));
        Assert.True(npmPath.Success, "Dockerfile: the onnxruntime stage copies no node_modules/.../libonnxruntime.so.1");
        Assert.True(File.Exists(Path.Combine(Root, npmPath.Value)), $"{npmPath.Value} is not in the local npm install (bash scripts/install-test-deps.sh)");
    }

    private static List<string> DockerfileInstructions() =>
        File.ReadAllText(Path.Combine(Root, "Dockerfile"))
            .Replace("\\\n", " ", StringComparison.Ordinal)
            .Split('\n')
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => WhiteSpace().Replace(l.Trim(), " "))
            .ToList();

    /// <summary>The text of <c>{key}: [ ... ]</c>, the brackets balanced.</summary>
    private static string Block(string bicep, string key)
    {
        var start = bicep.IndexOf($"{key}: [", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no '{key}: [' block");
        var depth = 0;
        for (var i = bicep.IndexOf('[', start); i < bicep.Length; i++)
        {
            depth += bicep[i] switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth == 0)
            {
                return bicep[start..(i + 1)];
            }
        }

        throw new InvalidOperationException($"'{key}: [' is not closed");
    }

    private static YamlMappingNode LoadYaml(string file)
    {
        using var reader = new StreamReader(Path.Combine(Root, file));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)node[new YamlScalarNode(key)];

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[new YamlScalarNode(key)]).Value!;

    [GeneratedRegex(@"^module \w+ '([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();

    [GeneratedRegex(@"^param (\w+) \w+( =)?", RegexOptions.Multiline)]
    private static partial Regex ParameterDeclaration();

    [GeneratedRegex(@"\bname: '([^']+)'")]
    private static partial Regex EntryName();

    [GeneratedRegex(@"\bsecretRef: '([^']+)'")]
    private static partial Regex SecretReference();

    [GeneratedRegex(@"^var storageConnectionString = '([^']+)'", RegexOptions.Multiline)]
    private static partial Regex ConnectionStringTemplate();

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"node_modules/\S+/libonnxruntime\.so\.1")]
    private static partial Regex NpmLibraryPath();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
