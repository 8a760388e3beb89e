using System.Globalization;
using MLOps.Durable.Storage.AzureStorage;

namespace MLOps.Durable.Host.Configuration;

/// <summary>
/// The backend host.json selects (<c>extensions.durableTask.storageProvider</c>), resolved against the settings at
/// start so that a missing or malformed connection stops start-up naming the setting: the SQLite file, or the Azure
/// Storage connection string and partition count. It also says where the stores that stay on local files whatever
/// the backend are kept (prediction log, approval audit trail, local event topic).
/// </summary>
/// <remarks>The connection string holds the account key, so it is never part of <see cref="Description"/> or an error message.</remarks>
internal sealed class TaskHubStorage
{
    /// <summary>The setting with the SQLite file path when host.json names none.</summary>
    public const string DefaultSqliteSetting = "MLOPS_SQLITE_PATH";

    /// <summary>The setting with the storage connection string when host.json names none, as in Durable Functions.</summary>
    public const string DefaultAzureStorageSetting = "AzureWebJobsStorage";

    /// <summary>Control queues when host.json gives no <c>partitionCount</c> (the Durable Functions default).</summary>
    public const int DefaultPartitionCount = 4;

    private const string ConnectionExample = "'UseDevelopmentStorage=true' (Azurite) or 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...'";

    /// <summary>Folder and file name stem of the local files: <c>{stem}.predictions.db</c> and so on.</summary>
    private readonly string _localStem;

    private TaskHubStorage(string localStem, string description)
    {
        _localStem = localStem;
        Description = description;
    }

    /// <summary>True for the Azure Storage backend, false for SQLite.</summary>
    public bool IsAzureStorage => ConnectionString is not null;

    /// <summary>The SQLite file of the task hub (SQLite only).</summary>
    public string? SqlitePath { get; private init; }

    /// <summary>The storage connection string (Azure Storage only); secret, never printed.</summary>
    public string? ConnectionString { get; private init; }

    /// <summary>Control queues of the Azure Storage backend.</summary>
    public int PartitionCount { get; private init; } = DefaultPartitionCount;

    /// <summary>Which backend and where, safe to print: the file, or the blob endpoint (never the key).</summary>
    public string Description { get; }

    /// <summary>A file beside the task hub for a store that has no counterpart on the backend: <c>{folder}/{hub}{suffix}</c>.</summary>
    public string LocalFile(string suffix) => _localStem + suffix;

    /// <summary>Resolves the backend from host.json and the settings (local.settings.json Values and the environment).</summary>
    /// <exception cref="HostConfigurationException">The connection setting is missing, empty or malformed; the message names it.</exception>
    public static TaskHubStorage Resolve(IConfiguration configuration, HostSettings settings, HostPaths paths) =>
        settings.StorageType.Equals(HostJsonReader.AzureStorageType, StringComparison.OrdinalIgnoreCase)
            ? ResolveAzureStorage(configuration, settings, paths)
            : ResolveSqlite(configuration, settings, paths);

    /// <summary>The SQLite file: the setting named by storageProvider.connectionName, else .data/{hubName}.db.</summary>
    private static TaskHubStorage ResolveSqlite(IConfiguration configuration, HostSettings settings, HostPaths paths)
    {
        var name = settings.StorageConnectionName ?? DefaultSqliteSetting;
        var configured = configuration[name];
        if (settings.StorageConnectionName is not null && string.IsNullOrWhiteSpace(configured))
        {
            throw new HostConfigurationException(
                $"host.json: extensions.durableTask.storageProvider.connectionName names setting '{name}', which is not set; " +
                "set it in local.settings.json Values or as an environment variable to the SQLite file path.");
        }

        var path = Path.GetFullPath(configured ?? Path.Combine(".data", settings.HubName + ".db"), paths.ContentRoot);
        var folder = Path.GetDirectoryName(path) ?? ".";
        return new TaskHubStorage(Path.Combine(folder, Path.GetFileNameWithoutExtension(path)), $"SQLite, {paths.Relative(path)}")
        {
            SqlitePath = path,
        };
    }

    /// <summary>
    /// The connection string from the setting named by storageProvider.connectionName (default AzureWebJobsStorage);
    /// the local files go to .data/{hubName}.* under the content root.
    /// </summary>
    private static TaskHubStorage ResolveAzureStorage(IConfiguration configuration, HostSettings settings, HostPaths paths)
    {
        var name = settings.StorageConnectionName ?? DefaultAzureStorageSetting;
        var named = settings.StorageConnectionName is null
            ? $"setting '{name}' (the default when storageProvider.connectionName is not given)"
            : $"setting '{name}' (named by storageProvider.connectionName)";
        var connectionString = configuration[name];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new HostConfigurationException(
                $"host.json: extensions.durableTask.storageProvider.type azureStorage reads its connection string from {named}, which is not set; " +
                $"set it in local.settings.json Values or as an environment variable (for Azurite: \"{name}\": \"UseDevelopmentStorage=true\").");
        }

        string account;
        try
        {
            account = AzureStorageAccount.Describe(connectionString);
        }
        catch (ArgumentException)
        {
            // The value is not echoed: it may hold an account key.
            throw new HostConfigurationException(
                $"host.json: extensions.durableTask.storageProvider: {named} is not a storage connection string; expected {ConnectionExample}.");
        }

        var partitions = settings.PartitionCount ?? DefaultPartitionCount;
        var options = new AzureStorageOptions { ConnectionString = connectionString, TaskHubName = settings.HubName, PartitionCount = partitions };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new HostConfigurationException($"host.json: extensions.durableTask: {ex.Message}", ex);
        }

        var stem = Path.GetFullPath(Path.Combine(".data", settings.HubName), paths.ContentRoot);
        return new TaskHubStorage(stem, string.Create(CultureInfo.InvariantCulture, $"Azure Storage, {account}, {partitions} partitions"))
        {
            ConnectionString = connectionString,
            PartitionCount = partitions,
        };
    }
}
