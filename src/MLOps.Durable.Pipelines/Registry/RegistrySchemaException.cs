namespace MLOps.Durable.Pipelines.Registry;

/// <summary>The SQLite file is not a registry this build can use (a newer schema, or another store's file); it is left untouched.</summary>
public sealed class RegistrySchemaException(string dataSource, string message) : ModelRegistryException(message)
{
    /// <summary>The file that was opened.</summary>
    public string DataSource { get; } = dataSource;
}
