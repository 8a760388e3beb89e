namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The SQLite file is not a prediction log this build can use (a newer schema, or another store's file); it is left untouched.</summary>
public sealed class PredictionLogSchemaException(string dataSource, string message) : ServingException(message)
{
    /// <summary>The file that was opened.</summary>
    public string DataSource { get; } = dataSource;
}
