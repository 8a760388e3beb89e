using System.Text;

namespace MLOps.Durable.Storage;

/// <summary>
/// The query semantics every backend shares: which rows a query or purge filter selects, and the
/// continuation token (the last instance id of a page, base64url-encoded so that it is opaque).
/// </summary>
public static class InstanceQueryToken
{
    /// <summary>The instance id after which the next page starts, or null for the first page.</summary>
    /// <exception cref="ArgumentException">The token was not produced by a query.</exception>
    public static string? Decode(string? continuationToken)
    {
        if (string.IsNullOrEmpty(continuationToken))
        {
            return null;
        }

        try
        {
            var base64 = continuationToken.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(
                $"Continuation token '{continuationToken}' is not valid; pass back the token a previous page returned.",
                nameof(continuationToken),
                ex);
        }
    }

    /// <summary>Encodes the last instance id of a page.</summary>
    public static string Encode(string lastInstanceId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(lastInstanceId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Cuts up to <c>pageSize + 1</c> ordered rows into a page and its continuation token.</summary>
    public static InstancePage ToPage(IReadOnlyList<OrchestrationInstance> rows, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count <= pageSize)
        {
            return new InstancePage(rows, null);
        }

        var page = rows.Take(pageSize).ToList();
        return new InstancePage(page, Encode(page[^1].InstanceId));
    }

    /// <summary>True when the row passes the query's status, creation-time and id-prefix filters.</summary>
    public static bool Matches(InstanceQuery query, OrchestrationInstance row)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(row);
        return (query.Statuses is null || query.Statuses.Count == 0 || query.Statuses.Contains(row.RuntimeStatus))
            && (query.CreatedFrom is null || row.CreatedAt >= query.CreatedFrom)
            && (query.CreatedTo is null || row.CreatedAt <= query.CreatedTo)
            && (query.InstanceIdPrefix is null || row.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal));
    }

    /// <summary>True when a purge filter selects the row (terminal rows only).</summary>
    public static bool Matches(PurgeFilter filter, OrchestrationInstance row)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(row);
        return row.RuntimeStatus.IsTerminal()
            && (filter.Statuses is null || filter.Statuses.Count == 0 || filter.Statuses.Contains(row.RuntimeStatus))
            && (filter.CreatedFrom is null || row.CreatedAt >= filter.CreatedFrom)
            && (filter.CreatedTo is null || row.CreatedAt <= filter.CreatedTo);
    }
}
