namespace MLOps.Durable.Bench;

/// <summary>
/// Storage operations counted so far: SQLite commits, or Azure Storage requests with a count per
/// service/resource/operation (empty for SQLite).
/// </summary>
internal sealed record StoreOperations(long Total, IReadOnlyDictionary<string, long> ByKind)
{
    public static StoreOperations Commits(long commits) => new(commits, new Dictionary<string, long>());

    public StoreOperations Since(StoreOperations before) => new(
        Total - before.Total,
        ByKind.ToDictionary(k => k.Key, k => k.Value - before.ByKind.GetValueOrDefault(k.Key), StringComparer.Ordinal));
}
