using MLOps.Durable.Pipelines.SqliteFiles;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// Settings of <see cref="SqlitePredictionLog"/>: which file holds the prediction log, which clock stamps feedback, and how long to wait for another process that holds
/// the write lock.
/// </summary>
public sealed class SqlitePredictionLogOptions() : SqliteFileOptions("prediction log's", "data/predictions.db");
