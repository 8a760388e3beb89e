namespace MLOps.Durable.Storage.Sqlite;

/// <summary>The SQLite file was written by a newer build with a schema this build does not know, so it is left untouched.</summary>
public sealed class UnsupportedSchemaVersionException(string dataSource, int fileVersion, int supportedVersion)
    : DurableException($"SQLite store '{dataSource}' has schema version {fileVersion}, but this build of " +
        $"MLOps.Durable.Storage.Sqlite supports versions up to {supportedVersion}; upgrade the package or point " +
        "SqliteStoreOptions.DataSource at another file.")
{
    public string DataSource { get; } = dataSource;

    public int FileVersion { get; } = fileVersion;

    public int SupportedVersion { get; } = supportedVersion;
}
