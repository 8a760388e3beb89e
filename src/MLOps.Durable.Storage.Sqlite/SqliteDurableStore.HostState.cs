namespace MLOps.Durable.Storage.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string InsertHostValue = "INSERT INTO HostState (Name, Value) VALUES (@name, @value) ON CONFLICT (Name) DO NOTHING";

    private const string SelectHostValue = "SELECT Value FROM HostState WHERE Name = @name";

    private const string UpsertHostValue = "INSERT INTO HostState (Name, Value) VALUES (@name, @value) ON CONFLICT (Name) DO UPDATE SET Value = excluded.Value";

    /// <inheritdoc />
    public Task<string> GetOrAddHostValueAsync(string name, string valueIfAbsent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(valueIfAbsent);
        return RunAsync(() => Write(_ =>
        {
            Statement(InsertHostValue).Bind(name, valueIfAbsent).Execute();
            return (string)Statement(SelectHostValue).Bind(name).Scalar()!;
        }), cancellationToken);
    }

    /// <inheritdoc />
    public Task SetHostValueAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        return RunAsync(() => Write(_ => Statement(UpsertHostValue).Bind(name, value).Execute()), cancellationToken);
    }
}
