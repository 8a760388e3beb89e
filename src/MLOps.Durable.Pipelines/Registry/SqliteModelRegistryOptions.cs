using MLOps.Durable.Pipelines.SqliteFiles;

namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Settings of <see cref="SqliteModelRegistry"/>: which file holds the registry, which clock stamps versions and
/// audit entries, and how long to wait for another process that holds
/// the write lock.
/// </summary>
public sealed class SqliteModelRegistryOptions() : SqliteFileOptions("registry's", "data/registry.db");
