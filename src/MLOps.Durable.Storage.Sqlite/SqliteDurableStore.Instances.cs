using System.Text;
using static MLOps.Durable.Storage.Sqlite.SqliteRows;

namespace MLOps.Durable.Storage.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string SelectInstance = $"SELECT {InstanceColumns} FROM Instances WHERE InstanceId = @id";

    private const string SelectInstanceWithoutPayloads = $"SELECT {InstanceColumnsWithoutPayloads} FROM Instances WHERE InstanceId = @id";

    private const string DeleteInstance = "DELETE FROM Instances WHERE InstanceId = @id";

    // The purge filter as SQL: a status bit mask (always within the terminal statuses) and a creation range.
    private const string PurgeSelection =
        "SELECT InstanceId FROM Instances WHERE ((1 << RuntimeStatus) & @statuses) != 0 " +
        "AND CreatedAt >= @createdFrom AND CreatedAt <= @createdTo";

    private const string PurgeHistory = $"DELETE FROM History WHERE InstanceId IN ({PurgeSelection})";

    private const string PurgeMessages = $"DELETE FROM NewEvents WHERE InstanceId IN ({PurgeSelection})";

    private const string PurgeActivities = $"DELETE FROM Activities WHERE InstanceId IN ({PurgeSelection})";

    private const string PurgeRows = $"DELETE FROM Instances WHERE InstanceId IN ({PurgeSelection})";

    private static readonly int TerminalStatuses = StatusMask(
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);

    /// <inheritdoc />
    public Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return RunAsync(() =>
        {
            using var reader = Statement(includePayloads ? SelectInstance : SelectInstanceWithoutPayloads).Bind(instanceId).Read();
            return reader.Read() ? ReadInstance(reader) : null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize, "query.PageSize");
        var after = InstanceQueryToken.Decode(query.ContinuationToken);
        return RunAsync(() =>
        {
            using var command = _connection!.CreateCommand();
            var sql = new StringBuilder("SELECT ")
                .Append(query.FetchInputsAndOutputs ? InstanceColumns : InstanceColumnsWithoutPayloads)
                .Append(" FROM Instances WHERE 1 = 1");
            if (after is not null)
            {
                sql.Append(" AND InstanceId > @after");
                command.Parameters.AddWithValue("@after", after);
            }

            if (query.InstanceIdPrefix is { } prefix)
            {
                // GLOB is case-sensitive like the ordinal prefix match, and SQLite turns a literal prefix into an index range.
                sql.Append(" AND InstanceId GLOB @prefix");
                command.Parameters.AddWithValue("@prefix", GlobEscape(prefix) + "*");
            }

            if (query.Statuses is { Count: > 0 } statuses)
            {
                sql.Append(" AND ((1 << RuntimeStatus) & @statuses) != 0");
                command.Parameters.AddWithValue("@statuses", StatusMask(statuses));
            }

            if (query.CreatedFrom is { } from)
            {
                sql.Append(" AND CreatedAt >= @createdFrom");
                command.Parameters.AddWithValue("@createdFrom", Ticks(from));
            }

            if (query.CreatedTo is { } to)
            {
                sql.Append(" AND CreatedAt <= @createdTo");
                command.Parameters.AddWithValue("@createdTo", Ticks(to));
            }

            sql.Append(" ORDER BY InstanceId LIMIT @take");
            command.Parameters.AddWithValue("@take", (long)query.PageSize + 1);
            command.CommandText = sql.ToString();

            var rows = new List<OrchestrationInstance>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(ReadInstance(reader));
            }

            return InstanceQueryToken.ToPage(rows, query.PageSize);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var purged = await RunAsync(() => Write(_ =>
        {
            if (StatusOf(instanceId) is not { } status)
            {
                return false;
            }

            if (!status.IsTerminal())
            {
                throw new InstanceNotTerminalException(instanceId, status, "purge");
            }

            Statement(DeleteHistory).Bind(instanceId).Execute();
            Statement(DeleteMessages).Bind(instanceId).Execute();
            Statement(DeleteActivities).Bind(instanceId).Execute();
            Statement(DeleteInstance).Bind(instanceId).Execute();
            return true;
        }), cancellationToken).ConfigureAwait(false);
        if (purged)
        {
            InstanceChanges.Notify();
        }

        return purged;
    }

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is { Count: > 0 } selected ? StatusMask(selected) & TerminalStatuses : TerminalStatuses;
        var from = Ticks(filter.CreatedFrom ?? DateTimeOffset.MinValue);
        var to = Ticks(filter.CreatedTo ?? DateTimeOffset.MaxValue);
        var purged = await RunAsync(() => Write(_ =>
        {
            Statement(PurgeHistory).Bind(statuses, from, to).Execute();
            Statement(PurgeMessages).Bind(statuses, from, to).Execute();
            Statement(PurgeActivities).Bind(statuses, from, to).Execute();
            return Statement(PurgeRows).Bind(statuses, from, to).Execute();
        }), cancellationToken).ConfigureAwait(false);
        InstanceChanges.Notify();
        return purged;
    }

    private static int StatusMask(IEnumerable<OrchestrationRuntimeStatus> statuses) =>
        statuses.Aggregate(0, (mask, status) => mask | (1 << (int)status));

    /// <summary>Makes GLOB's wildcards in an instance id match literally.</summary>
    private static string GlobEscape(string prefix)
    {
        var escaped = new StringBuilder(prefix.Length);
        foreach (var c in prefix)
        {
            _ = c is '*' or '?' or '[' ? escaped.Append('[').Append(c).Append(']') : escaped.Append(c);
        }

        return escaped.ToString();
    }
}
